#include "textflag.h"

// func reluKernelAVX2(dst, src *float32, n int)
// dst[i] = max(src[i], 0) for the first n/8·8 values.
TEXT ·reluKernelAVX2(SB), NOSPLIT, $0-24
	MOVQ   dst+0(FP), DI
	MOVQ   src+8(FP), SI
	MOVQ   n+16(FP), CX
	VXORPS Y0, Y0, Y0
	SHRQ   $3, CX
	JZ     fwddone

fwdloop:
	VMAXPS  0(SI), Y0, Y1
	VMOVUPS Y1, 0(DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNE     fwdloop

fwddone:
	VZEROUPPER
	RET

// func reluGradKernelAVX2(grad, dout, out *float32, n int)
// grad[i] += dout[i] where out[i] > 0, for the first n/8·8 values.
TEXT ·reluGradKernelAVX2(SB), NOSPLIT, $0-32
	MOVQ   grad+0(FP), DI
	MOVQ   dout+8(FP), SI
	MOVQ   out+16(FP), DX
	MOVQ   n+24(FP), CX
	VXORPS Y0, Y0, Y0
	SHRQ   $3, CX
	JZ     bwddone

bwdloop:
	VMOVUPS 0(DX), Y1
	VCMPPS  $0x0e, Y0, Y1, Y1 // out > 0
	VANDPS  0(SI), Y1, Y1
	VADDPS  0(DI), Y1, Y1
	VMOVUPS Y1, 0(DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX
	DECQ    CX
	JNE     bwdloop

bwddone:
	VZEROUPPER
	RET

// func reluGradSetKernelAVX2(grad, dout, out *float32, n int)
// grad[i] = dout[i] where out[i] > 0 and 0 elsewhere, for the first n/8·8
// values.
TEXT ·reluGradSetKernelAVX2(SB), NOSPLIT, $0-32
	MOVQ   grad+0(FP), DI
	MOVQ   dout+8(FP), SI
	MOVQ   out+16(FP), DX
	MOVQ   n+24(FP), CX
	VXORPS Y0, Y0, Y0
	SHRQ   $3, CX
	JZ     setdone

setloop:
	VMOVUPS 0(DX), Y1
	VCMPPS  $0x0e, Y0, Y1, Y1 // out > 0
	VANDPS  0(SI), Y1, Y1
	VMOVUPS Y1, 0(DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, DX
	DECQ    CX
	JNE     setloop

setdone:
	VZEROUPPER
	RET
