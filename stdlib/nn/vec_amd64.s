#include "textflag.h"

// func addKernelAVX2(dst, src *float32, n int)
// dst[i] += src[i] for the first n/8·8 values.
TEXT ·addKernelAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   adddone

addloop:
	VMOVUPS 0(SI), Y0
	VADDPS  0(DI), Y0, Y0
	VMOVUPS Y0, 0(DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNE     addloop

adddone:
	VZEROUPPER
	RET

// func scatterAddKernel(dst, src *float32, offsets *int32, n int)
// dst[offsets[i]] += src[i] for i < n.
TEXT ·scatterAddKernel(SB), NOSPLIT, $0-32
	MOVQ  dst+0(FP), DI
	MOVQ  src+8(FP), SI
	MOVQ  offsets+16(FP), R8
	MOVQ  n+24(FP), CX
	TESTQ CX, CX
	JE    scatterdone

scatterloop:
	MOVLQSX 0(R8), AX
	MOVSS   0(SI), X0
	ADDSS   (DI)(AX*4), X0
	MOVSS   X0, (DI)(AX*4)
	ADDQ    $4, SI
	ADDQ    $4, R8
	DECQ    CX
	JNE     scatterloop

scatterdone:
	RET

// func scatterAddKernelAVX512(dst, src *float32, offsets *int32, n int)
// dst[offsets[i]] += src[i] for the first n/16·16 values. The offsets of
// one call must be distinct, because the 16 lanes of a block gather their
// dst values before any of them is written back.
TEXT ·scatterAddKernelAVX512(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ offsets+16(FP), R8
	MOVQ n+24(FP), CX
	SHRQ $4, CX
	JZ   scatter512done

scatter512loop:
	VMOVUPS     0(R8), Z1
	KXNORW      K1, K1, K1
	VGATHERDPS  (DI)(Z1*4), K1, Z0
	VADDPS      0(SI), Z0, Z0
	KXNORW      K2, K2, K2
	VSCATTERDPS Z0, K2, (DI)(Z1*4)
	ADDQ        $64, SI
	ADDQ        $64, R8
	DECQ        CX
	JNE         scatter512loop

scatter512done:
	VZEROUPPER
	RET
