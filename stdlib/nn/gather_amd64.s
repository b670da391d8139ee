#include "textflag.h"

// func gatherPanelAVX2(dst, src *float32, rowOff *int32, rows int, cols *int32)
// dst[p*24+j] = src[rowOff[p]+cols[j]] for p < rows and j < 24.
// Y4–Y6 hold the 24 column offsets, Y7–Y9 the gather masks, which each
// gather clears.
TEXT ·gatherPanelAVX2(SB), NOSPLIT, $0-40
	MOVQ    dst+0(FP), DI
	MOVQ    src+8(FP), SI
	MOVQ    rowOff+16(FP), R8
	MOVQ    rows+24(FP), CX
	MOVQ    cols+32(FP), DX
	VMOVDQU 0(DX), Y4
	VMOVDQU 32(DX), Y5
	VMOVDQU 64(DX), Y6
	TESTQ   CX, CX
	JE      done

loop:
	MOVLQSX    0(R8), AX
	LEAQ       (SI)(AX*4), BX
	VPCMPEQD   Y7, Y7, Y7
	VPCMPEQD   Y8, Y8, Y8
	VPCMPEQD   Y9, Y9, Y9
	VGATHERDPS Y7, (BX)(Y4*4), Y0
	VGATHERDPS Y8, (BX)(Y5*4), Y1
	VGATHERDPS Y9, (BX)(Y6*4), Y2
	VMOVUPS    Y0, 0(DI)
	VMOVUPS    Y1, 32(DI)
	VMOVUPS    Y2, 64(DI)
	ADDQ       $4, R8
	ADDQ       $96, DI
	DECQ       CX
	JNE        loop

done:
	VZEROUPPER
	RET
