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
