/**
 * The contract between the TypeScript driver and the WebAssembly kernels (assembly/): kernel ids, operation
 * codes, the control block's layout and each kernel's parameter slots. The AssemblyScript sources import this
 * same file, so it holds nothing but integer constants (valid in both languages).
 *
 * A kernel runs as one or more phases; a phase is `count` independent tasks of one kernel, which the calling
 * thread and the worker threads claim one at a time from the control block.
 */

// Control block, byte offsets. STATE is an i64: generation in the high half, next task index in the low half.
export const CTRL_STATE = 0;
export const CTRL_WAKE = 8; // i32: low half of the generation, for Atomics.wait/notify
export const CTRL_DONE = 12; // i32: tasks finished in this phase
export const CTRL_COUNT = 16; // i32: tasks in this phase
export const CTRL_KERNEL = 20; // i32: kernel id
export const CTRL_ERROR = 24; // i32: non-zero once a worker failed
export const CTRL_READY = 28; // i32: workers that have started
export const CTRL_SCRATCH = 32; // i32: address of the per-thread scratch tiles
export const CTRL_PARAMS = 64; // parameter slots (i32 or f32, 4 bytes each)
export const PARAM_SLOTS = 64;
export const CTRL_BYTES = 512;
/** Next-task value that means "being set up; claim nothing". */
export const TASK_LOCKED = 0x7fffffff;
/** Bytes of scratch per thread (one 4×8 float tile and change). */
export const SCRATCH_BYTES = 256;

// Kernel ids.
export const K_GEMM_PACK = 1;
export const K_GEMM_COMPUTE = 2;
export const K_COL2IM = 3;
export const K_MAXPOOL = 4;
export const K_MAXPOOL_GRAD = 5;
export const K_AVGPOOL = 6;
export const K_AVGPOOL_GRAD = 7;
export const K_UNARY = 8;
export const K_BINARY = 9;
export const K_WHERE = 10;
export const K_COPY = 11;
export const K_REDUCE = 12;
export const K_SOFTMAX = 13;
export const K_BIAS_ACT = 30; // fused bias + activation (assembly/fused.ts)
export const K_ACT_GRAD = 31;
export const K_BIAS_ACT_GRAD = 32;

// GEMM tile: MR rows × NR columns per micro-kernel call.
export const MR = 4;
export const NR = 8;

// GEMM parameter slots. Addresses are bytes; strides (RS/CS) are elements.
export const G_NB = 0; // batch count
export const G_M = 1;
export const G_N = 2;
export const G_K = 3;
export const G_KC = 5; // k steps per packed block (the last block may be shorter)
export const G_AMODE = 6; // A_MATRIX, A_IM2COL or A_IM2COL_T
export const G_ARS = 7; // A element (i, p) at table[batch] + 4 * (i * ARS + p * ACS)
export const G_ACS = 8;
export const G_ATABLE = 9; // address of an i32 table: A's address for each batch
export const G_BRS = 10; // B element (p, j) at table[batch] + 4 * (p * BRS + j * BCS)
export const G_BCS = 11;
export const G_BTABLE = 12;
export const G_AP = 13; // packed A, all k blocks (per batch G_APSTRIDE bytes)
export const G_BP = 14; // packed B (per batch G_BPSTRIDE bytes)
export const G_C = 15;
export const G_LDC = 16; // elements
export const G_CSTRIDE = 17; // bytes between batches of C
export const G_TA = 19; // packing tasks for A per batch
export const G_GA = 20; // A panels per packing task
export const G_TB = 21;
export const G_GB = 22;
export const G_RB = 23; // row blocks per batch in the compute phase
export const G_MCP = 24; // MR-panels per row block
export const G_CB = 25; // column blocks per batch
export const G_NCP = 26; // NR-panels per column block
export const G_APSTRIDE = 41;
export const G_BPSTRIDE = 42;

// Convolution / pooling geometry slots (shared by GEMM's im2col modes, col2im and pooling).
export const GEO_N = 27;
export const GEO_H = 28;
export const GEO_W = 29;
export const GEO_C = 30;
export const GEO_KH = 31;
export const GEO_KW = 32;
export const GEO_SH = 33;
export const GEO_SW = 34;
export const GEO_DH = 35;
export const GEO_DW = 36;
export const GEO_PT = 37;
export const GEO_PL = 38;
export const GEO_OH = 39;
export const GEO_OW = 40;

// A operand modes of the GEMM.
export const A_MATRIX = 0;
/** Row i = output pixel (b, oh, ow), column p = filter tap (ki, kj, c) of an NHWC image: conv forward. */
export const A_IM2COL = 1;
/** The transpose of A_IM2COL: row = tap, column = pixel: conv filter gradient. */
export const A_IM2COL_T = 2;

// Pooling and col2im slots (addresses), besides the geometry.
export const P_X = 0;
export const P_Y = 1;
export const P_DY = 2;
export const P_DX = 3;
export const P_COLS = 4; // col2im: the column matrix (pixels × taps)

// Unary slots.
export const U_OP = 0;
export const U_N = 1;
export const U_X = 2;
export const U_Y = 3;
export const U_CHUNK = 4; // elements per task (a multiple of 4)
export const U_ALPHA = 5; // f32
export const U_BETA = 6; // f32

// Strided slots (binary, where, copy): an odometer over `rank` axes of the output.
export const S_OP = 0;
export const S_RANK = 1;
export const S_SHAPE = 2; // address of i32[rank]
export const S_STR0 = 3; // address of i32[rank]: element strides of input 0 (0 where it broadcasts)
export const S_STR1 = 4;
export const S_STR2 = 5;
export const S_IN0 = 6;
export const S_IN1 = 7;
export const S_IN2 = 8;
export const S_OUT = 9;
export const S_ROWS = 10; // product of all axes but the last
export const S_ROWCHUNK = 11; // rows per task
export const S_FLAG = 12; // where: 1 when the condition is int32
export const S_OSTR = 13; // copy: address of the output's strides

// Reduce slots.
export const R_OP = 0;
export const R_RANK = 1;
export const R_SHAPE = 2; // input shape, i32[rank]
export const R_OSTR = 3; // output strides over the input's axes (0 on reduced axes), i32[rank]
export const R_X = 4;
export const R_ACC = 5; // f64 accumulators, one per output element
export const R_OUT = 6;
export const R_OUTN = 7;

// Softmax slots.
export const SM_OP = 0; // 0 softmax, 1 log-softmax
export const SM_OUTER = 1;
export const SM_N = 2;
export const SM_INNER = 3;
export const SM_X = 4;
export const SM_Y = 5;
export const SM_CHUNK = 6; // line groups per task

// Fused bias + activation slots (K_BIAS_ACT, K_ACT_GRAD): rows × C row-major, `chunk` rows per task.
export const FA_ACT = 0; // FA_LINEAR or FA_RELU
export const FA_ROWS = 1;
export const FA_C = 2;
export const FA_X = 3; // bias-act: input; act-grad: dy
export const FA_B = 4; // bias-act: bias [C] or 0; act-grad: the forward output y
export const FA_Y = 5; // output
export const FA_CHUNK = 6;
export const FA_DB = 7; // bias-act-grad: per-task partial column sums, f32[tasks × C]
export const FA_LINEAR = 0;
export const FA_RELU = 1;

// Unary operation codes.
export const U_NEG = 0;
export const U_ABS = 1;
export const U_SIGN = 2;
export const U_EXP = 3;
export const U_LOG = 4;
export const U_LOG1P = 5;
export const U_SQRT = 6;
export const U_SQUARE = 7;
export const U_RECIPROCAL = 8;
export const U_TANH = 9;
export const U_SIGMOID = 10;
export const U_RELU = 11;
export const U_SOFTPLUS = 12;
export const U_SIN = 13;
export const U_COS = 14;
export const U_LEAKY_RELU = 15;
export const U_ELU = 16;
export const U_CLIP = 17;

// Binary operation codes (comparisons write int32 0/1).
export const B_ADD = 0;
export const B_SUB = 1;
export const B_MUL = 2;
export const B_DIV = 3;
export const B_POW = 4;
export const B_MAXIMUM = 5;
export const B_MINIMUM = 6;
export const B_EQUAL = 7;
export const B_NOT_EQUAL = 8;
export const B_LESS = 9;
export const B_LESS_EQUAL = 10;
export const B_GREATER = 11;
export const B_GREATER_EQUAL = 12;

// Reduce operation codes.
export const RD_SUM = 0;
export const RD_MAX = 1;
export const RD_MIN = 2;

// Fused LSTM recurrence (assembly/lstm.ts, driver src/backend/wasm/lstm.ts). Batch rows are independent through
// the whole recurrence, so a task is a block of rows that runs every step: no synchronisation between steps.
export const K_LSTM_PACK = 40; // packs op(B) into NR-column panels, all of k in one block
export const K_LSTM_FORWARD = 41; // the whole forward recurrence of a block of batch rows
export const K_LSTM_BACKWARD = 42; // the whole backpropagation through time of a block of batch rows
export const K_LSTM_DW = 43; // [dW; dU; db] from the operands the backward packed, one block of C per task

// K_LSTM_PACK slots: element (p, j) of op(B) [k, n] at LP_SRC + 4·(p·LP_RS + j·LP_CS).
export const LP_SRC = 0;
export const LP_RS = 1;
export const LP_CS = 2;
export const LP_N = 3;
export const LP_K = 4;
export const LP_DST = 5;
export const LP_GROUP = 6; // panels per task

// K_LSTM_FORWARD / K_LSTM_BACKWARD slots. Tensors are [batch, steps, …] row-major; addresses in bytes.
export const LS_B = 0;
export const LS_T = 1;
export const LS_H = 2;
export const LS_ROWS = 3; // batch rows per task (a multiple of MR)
export const LS_GATES = 4; // activations i, f, g, o [B, T, 4H] (forward: out; backward: in)
export const LS_HS = 5; // states [B, T, H]
export const LS_CS = 6; // cells [B, T, H]
export const LS_MASK = 7; // [B, H] state mask, or 0
export const LS_PACK = 8; // A rows of the step products [B rounded up to 4, k] (forward: [x_s | masked state]; backward: dz)
export const LS_PACKB = 9; // packed B operand: forward [W; U] [D + H, 4H], backward Uᵀ [4H, H]
export const LS_DH = 10; // backward: dh [B, T, H]
export const LS_DHREC = 11; // backward: dz_{s+1}·Uᵀ [B rounded up to 4, H rounded up to 8] (unmasked)
export const LS_DC = 12; // backward: carried cell gradient [B, H], zero at the start
export const LS_DZ = 13; // backward: dz [B·T, 4H] out, rows s·B + b, packed as the weight gradients B (NR panels, LS_KC blocks)
export const LS_HPREV = 14; // backward: [x | h_prev ⊙ mask | 1] [B·T, E] out, rows s·B + b, packed as the weight gradients A (MR panels)
export const LS_HPSTRIDE = 15; // backward: E, columns of LS_HPREV (D + H, + 1 with a bias)
export const LS_BIAS = 16; // forward: bias [4H] added to z, or 0
export const LS_REC = 17; // forward: the step product z [B rounded up to 4, 4H rounded up to 8]
export const LS_X = 18; // x [B, T, D] (forward: copied into the A rows; backward: staged beside h_prev into LS_HPREV)
export const LS_D = 19; // features D of x
export const LS_DHLAST = 20; // backward: 1 when LS_DH holds the last step's gradient only, [B, H]
export const LS_WT = 21; // backward: packed Wᵀ [4H, D] (NR panels), for dx = dz·Wᵀ step by step
export const LS_DX = 22; // backward: dx [B, T, D] out
export const LS_KC = 23; // backward: k block (rows of B·T) of the packed weight-gradient operands
export const LS_STAGE = 24; // backward: per batch row, [x | h_prev | 1] staged [B, E rounded up to 4] (1 and padding pre-set)

// K_LSTM_DW slots: C [m, n] (row stride n) = packed A [m, k] · packed B [k, n], k in blocks of LW_KC.
export const LW_AP = 0;
export const LW_BP = 1;
export const LW_M = 2;
export const LW_N = 3;
export const LW_K = 4;
export const LW_KC = 5;
export const LW_C = 6;
export const LW_MCP = 7; // MR panels per task
export const LW_NCP = 8; // NR panels per task
export const LW_CB = 9; // column blocks

// Direct convolution of single-channel images (assembly/directConv.ts, driver src/backend/wasm/directConv.ts),
// besides the GEO_* geometry. Tasks are blocks of DC_ROWS output rows.
export const K_DCONV = 50; // forward: y = act(conv(x, w) + b)
export const K_DCONV_GRAD = 51; // per-task partial sums of the filter and bias gradients
export const DC_X = 0;
export const DC_W = 1;
export const DC_B = 2; // bias [F] or 0
export const DC_Y = 3; // forward: output; gradient: the forward output (act' from it), or 0 when linear
export const DC_F = 4; // filters (a multiple of 4)
export const DC_ACT = 5; // FA_LINEAR or FA_RELU
export const DC_ROWS = 6; // output rows per task
export const DC_COLS = 7; // per-task tap tables
export const DC_COLSTRIDE = 8; // bytes of one task's tap table
export const DC_DY = 9; // gradient: dy
export const DC_PART = 10; // gradient: partial sums, f32[tasks × (taps + 1) × F]

// Winograd F(2×2, 3×3) convolution (assembly/winograd.ts, driver src/backend/wasm/winograd.ts). One phase transforms
// the filter into 16 packed GEMM B operands; then each task takes a block of WG_BT tiles (2×2 outputs each) through
// input transform, 16 products and output transform in its thread's workspace. Both phases read the same slots.
export const K_WINO_FILTER = 70; // tasks: NR-column panels of the packed U
export const K_WINO_TILES = 71; // tasks: blocks of WG_BT tiles
export const K_WINO_FILTER43 = 74; // F(4×4, 3×3): as K_WINO_FILTER with 36 operands
export const K_WINO_TILES43 = 75; // F(4×4, 3×3): as K_WINO_TILES with 6×6 tiles at stride 4
export const WG_W = 0; // filter w [3, 3, WG_FC, WG_FF]
export const WG_FC = 1;
export const WG_FF = 2;
export const WG_FLIP = 3; // 1: U is the input gradient's filter (taps rotated 180°, channel axes swapped)
export const WG_U = 5; // packed U: 16 operands, WG_USTRIDE bytes apart; NR-column panels of WG_KP steps
export const WG_USTRIDE = 6;
export const WG_X = 7; // image [n, WG_H, WG_WD, WG_CIN]
export const WG_Y = 8; // output [n, WG_OH, WG_OW, WG_COUT]
export const WG_H = 9;
export const WG_WD = 10; // image width
export const WG_CIN = 11; // k of the products
export const WG_KP = 12; // WG_CIN rounded up to a multiple of 4: steps per packed panel
export const WG_COUT = 13; // n of the products
export const WG_NP = 14; // NR-column panels of U
export const WG_OH = 15;
export const WG_OW = 16;
export const WG_PT = 17; // padding above
export const WG_PL = 18;
export const WG_TH = 19; // tile rows per image
export const WG_TW = 20; // tiles per tile row
export const WG_TILES = 21; // tiles in all
export const WG_BT = 22; // tiles per block (forward: per task, a multiple of 4; filter gradient: k steps per product)
export const WG_WORK = 23; // per-thread workspaces, WG_WORKBYTES each (thread from the scratch address)
export const WG_WORKBYTES = 24;
export const WG_ZERO = 25; // zeros (as many floats as a pixel has channels, + 4): the pixel read in the padding
// Filter gradient by Winograd F(3×3, 2×2): dw = Gᵀ·[Σ_tiles (Bᵀ·d·B) ⊙ (A·dz·Aᵀ)]·G. Besides the slots above:
export const K_WINO_DW_PART = 72; // one task per part (a fixed range of WG_TPT tiles): partial sums of the 16 M[t]
export const K_WINO_DW_PART43 = 76; // F(3×3, 4×4): as K_WINO_DW_PART with 6×6 tiles at stride 4 and 36 products
export const K_WINO_DW_OUTPUT43 = 77; // F(3×3, 4×4): as K_WINO_DW_OUTPUT (the parts are added into part 0)
export const K_WINO_DW_OUTPUT = 73; // dw [3, 3, cin, cout] = Gᵀ·(Σ parts M)·G; tasks: blocks of WG_TPT input channels
export const WG_DZ = 26; // dz [n, WG_OH, WG_OW, WG_COUT]
export const WG_TPT = 27; // tiles per part (or input channels per output task)
export const WG_DW = 28; // the filter gradient [3, 3, WG_CIN, WG_COUT]
export const WG_PART = 29; // partial sums: part k's 16 M[t] (WG_KP × WG_NP·8 each) at WG_PART + k·WG_PSTRIDE
export const WG_PSTRIDE = 30;
export const WG_PARTS = 31;
// Bytes after the panels of each thread's Winograd workspace (the driver sizes the workspace with them):
export const WG_STAGE_BYTES = 1024; // F(2×2, 3×3) tiles: row passes of 4 tiles
export const WG_PTRS_BYTES = 256; // … and their pixel addresses
export const WG_STAGE43_BYTES = 2304; // F(4×4, 3×3) tiles: 4 tiles × 36 vectors
export const WG_PTRS43_BYTES = 576; // … and 4 tiles × 36 addresses
export const WG_DW_STAGE43_BYTES = 576; // F(3×3, 4×4) filter gradient: 36 vectors
export const WG_DW_PTRS43_BYTES = 208; // … then 36 input and 16 dz pixel addresses

// Convolution + tiling max pooling (assembly/convPool.ts, driver src/backend/wasm/conv2dPoolFused.ts).
// K_CP_GRAD also reads the direct convolution's DC_* and GEO_* slots, so these slots avoid theirs.
export const K_CP_POOL = 80; // tasks: (image, pooled row): pooled maxima and the codes of their positions
export const K_CP_GRAD = 81; // tasks: as K_DCONV_GRAD, dz from the pooled dy and the codes
export const K_CP_UNPOOL = 82; // tasks: images: dz written out in full
export const CP_DY = 11; // pooled dy [n, poh, pow, c]
export const CP_CODE = 12; // i32 codes [n, poh, pow, c]: window position of the first maximum, or -1 (relu: no gradient)
export const CP_PKH = 13; // pooling window = stride
export const CP_PKW = 14;
export const CP_POH = 15;
export const CP_POW = 16;
export const CP_X = 17; // pooling: the convolution output [n, h, w, c]
export const CP_Y = 18; // pooling: the pooled output
export const CP_DX = 19; // unpooling: dz [n, h, w, c]
export const CP_RELU = 20; // pooling: 1 when the activation is relu
export const CP_H = 21; // the convolution output's height, width, channels
export const CP_W = 22;
export const CP_C = 23;
