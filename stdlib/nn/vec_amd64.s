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

// func scatterTileAVX512(dst, tile *float32, ld int, rowOff *int32, rows int, colOff *int32, cols int)
// dst[rowOff[r] + colOff[q]] += tile[r*ld + q] for r < rows and q < cols.
// The colOff values must be distinct, because the 16 lanes of a block
// gather their dst values before any of them is written back. K3 masks
// the last, partial block of each row.
TEXT ·scatterTileAVX512(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ tile+8(FP), SI
	MOVQ ld+16(FP), R9
	SHLQ $2, R9
	MOVQ rowOff+24(FP), R10
	MOVQ rows+32(FP), R11
	MOVQ colOff+40(FP), R12
	MOVQ cols+48(FP), R13
	// K3 = the low cols%16 bits.
	MOVQ R13, CX
	ANDQ $15, CX
	MOVL $1, AX
	SHLL CX, AX
	DECL AX
	KMOVW AX, K3
	TESTQ R11, R11
	JE    tiledone

tilerow:
	VPBROADCASTD 0(R10), Z2
	MOVQ         SI, BX  // tile row
	MOVQ         R12, DX // column offsets
	MOVQ         R13, CX
	SHRQ         $4, CX
	JZ           tiletail

tileblock:
	VPADDD      0(DX), Z2, Z1
	KXNORW      K1, K1, K1
	VGATHERDPS  (DI)(Z1*4), K1, Z0
	VADDPS      0(BX), Z0, Z0
	KXNORW      K2, K2, K2
	VSCATTERDPS Z0, K2, (DI)(Z1*4)
	ADDQ        $64, BX
	ADDQ        $64, DX
	DECQ        CX
	JNE         tileblock

tiletail:
	KORTESTW    K3, K3
	JE          tilenext
	VMOVDQU32   0(DX), K3, Z1
	VPADDD      Z2, Z1, K3, Z1
	KMOVW       K3, K1
	VXORPS      Z0, Z0, Z0
	VGATHERDPS  (DI)(Z1*4), K1, Z0
	VMOVUPS     0(BX), K3, Z4
	VADDPS      Z4, Z0, Z0
	KMOVW       K3, K2
	VSCATTERDPS Z0, K2, (DI)(Z1*4)

tilenext:
	ADDQ $4, R10
	ADDQ R9, SI
	DECQ R11
	JNE  tilerow

tiledone:
	VZEROUPPER
	RET
