#include "textflag.h"

// Each kernel handles the first n/8·8 values; the Go wrappers in
// batchnorm2d_amd64.go finish the tail.

// func affineKernelAVX2(dst, src *float32, n int, a, b float32)
// dst[i] = src[i]·a + b.
TEXT ·affineKernelAVX2(SB), NOSPLIT, $0-32
	MOVQ         dst+0(FP), DI
	MOVQ         src+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSS a+24(FP), Y1
	VBROADCASTSS b+28(FP), Y2
	SHRQ         $3, CX
	JZ           affinedone

affineloop:
	VMOVUPS     0(SI), Y0
	VFMADD213PS Y2, Y1, Y0
	VMOVUPS     Y0, 0(DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        CX
	JNE         affineloop

affinedone:
	VZEROUPPER
	RET

// func sumSquaresKernelAVX2(x *float32, n int) (sum, sumSq float32)
TEXT ·sumSquaresKernelAVX2(SB), NOSPLIT, $0-24
	MOVQ   x+0(FP), SI
	MOVQ   n+8(FP), CX
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	SHRQ   $3, CX
	JZ     sumsqdone

sumsqloop:
	VMOVUPS     0(SI), Y2
	VADDPS      Y2, Y0, Y0
	VFMADD231PS Y2, Y2, Y1
	ADDQ        $32, SI
	DECQ        CX
	JNE         sumsqloop

sumsqdone:
	VEXTRACTF128 $1, Y0, X2
	VADDPS       X2, X0, X0
	VHADDPS      X0, X0, X0
	VHADDPS      X0, X0, X0
	VEXTRACTF128 $1, Y1, X3
	VADDPS       X3, X1, X1
	VHADDPS      X1, X1, X1
	VHADDPS      X1, X1, X1
	MOVSS        X0, sum+16(FP)
	MOVSS        X1, sumSq+20(FP)
	VZEROUPPER
	RET

// func dotCentredKernelAVX2(dy, x *float32, n int, mean float32) (sum, dot float32)
// sum = Σ dy[i], dot = Σ dy[i]·(x[i] − mean).
TEXT ·dotCentredKernelAVX2(SB), NOSPLIT, $0-40
	MOVQ         dy+0(FP), SI
	MOVQ         x+8(FP), DI
	MOVQ         n+16(FP), CX
	VBROADCASTSS mean+24(FP), Y4
	VXORPS       Y0, Y0, Y0
	VXORPS       Y1, Y1, Y1
	SHRQ         $3, CX
	JZ           dotdone

dotloop:
	VMOVUPS     0(SI), Y2
	VMOVUPS     0(DI), Y3
	VSUBPS      Y4, Y3, Y3
	VADDPS      Y2, Y0, Y0
	VFMADD231PS Y3, Y2, Y1
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        CX
	JNE         dotloop

dotdone:
	VEXTRACTF128 $1, Y0, X2
	VADDPS       X2, X0, X0
	VHADDPS      X0, X0, X0
	VHADDPS      X0, X0, X0
	VEXTRACTF128 $1, Y1, X3
	VADDPS       X3, X1, X1
	VHADDPS      X1, X1, X1
	VHADDPS      X1, X1, X1
	MOVSS        X0, sum+32(FP)
	MOVSS        X1, dot+36(FP)
	VZEROUPPER
	RET

// func bnGradKernelAVX2(grad, dy, x *float32, n int, a, b, d float32)
// grad[i] += a·dy[i] + b·x[i] + d.
TEXT ·bnGradKernelAVX2(SB), NOSPLIT, $0-44
	MOVQ         grad+0(FP), DI
	MOVQ         dy+8(FP), SI
	MOVQ         x+16(FP), DX
	MOVQ         n+24(FP), CX
	VBROADCASTSS a+32(FP), Y4
	VBROADCASTSS b+36(FP), Y5
	VBROADCASTSS d+40(FP), Y6
	SHRQ         $3, CX
	JZ           graddone

gradloop:
	VMULPS      0(SI), Y4, Y0
	VMOVUPS     0(DX), Y1
	VFMADD231PS Y1, Y5, Y0
	VADDPS      Y6, Y0, Y0
	VADDPS      0(DI), Y0, Y0
	VMOVUPS     Y0, 0(DI)
	ADDQ        $32, SI
	ADDQ        $32, DX
	ADDQ        $32, DI
	DECQ        CX
	JNE         gradloop

graddone:
	VZEROUPPER
	RET

// func bnGradSetKernelAVX2(grad, dy, x *float32, n int, a, b, d float32)
// grad[i] = a·dy[i] + b·x[i] + d.
TEXT ·bnGradSetKernelAVX2(SB), NOSPLIT, $0-44
	MOVQ         grad+0(FP), DI
	MOVQ         dy+8(FP), SI
	MOVQ         x+16(FP), DX
	MOVQ         n+24(FP), CX
	VBROADCASTSS a+32(FP), Y4
	VBROADCASTSS b+36(FP), Y5
	VBROADCASTSS d+40(FP), Y6
	SHRQ         $3, CX
	JZ           setdone

setloop:
	VMULPS      0(SI), Y4, Y0
	VMOVUPS     0(DX), Y1
	VFMADD231PS Y1, Y5, Y0
	VADDPS      Y6, Y0, Y0
	VMOVUPS     Y0, 0(DI)
	ADDQ        $32, SI
	ADDQ        $32, DX
	ADDQ        $32, DI
	DECQ        CX
	JNE         setloop

setdone:
	VZEROUPPER
	RET
