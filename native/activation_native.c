/*
 * activation_native: a small N-API addon over the system's CBLAS/LAPACK (Debian: libopenblas-dev).
 * Built by native/build.cjs (g++/gcc, no network; a failed build only means the wasm route is used).
 *
 *   sgemm(buf, aOff, bOff, cOff, batch, M, N, K, transA, transB, strideA, strideB,
 *         biasOff, biasSize, act, alpha)
 *     row-major C[b] = act(op(A[b])·op(B[b]) + bias) for b < batch, on one ArrayBuffer (the TF.js wasm
 *     backend's WebAssembly.Memory); offsets in bytes, strides in floats (0: broadcast that operand);
 *     biasOff < 0: no bias; biasSize 1 or N (a row broadcast); act 0 linear, 1 relu, 2 relu6, 3 elu,
 *     4 sigmoid, 5 leakyrelu (alpha).
 *   dsyevd(a: Float64Array n·n, w: Float64Array n, n, wantVectors) -> LAPACK info
 *     symmetric eigendecomposition (divide and conquer); on return w ascending and, with vectors,
 *     row k of a (column k in LAPACK's column-major view of a symmetric matrix) the k-th eigenvector.
 *   info() -> { config, threads }  (OpenBLAS's build string, or "unknown BLAS"; the most threads it uses)
 *   trainEpoch(theta, m, v, X, Y, idx, dims, conf, acc, alive, losses, died) -> steps
 *     one epoch of mini-batch training of E stacked MLPs (E = 1: a single net) with the activation, loss,
 *     optimizer and bias correction of lib/networks/train (tf.train.adam / tf.train.sgd), all in float32:
 *     forward, backward and the optimizer update per step, every member's parameters updated in place.
 *     theta: Float32Array, layer by layer W_l [E, n_{l-1}, n_l] then b_l [E, n_l]; m, v: Adam moments in
 *     the same layout (length 0 for SGD); X [rows, d], Y [rows, o]: Float32Array; idx: Int32Array
 *     [idxRows, n], member m's row order (idxRows = E) or one shared (idxRows = 1), rows of X/Y;
 *     dims: Int32Array [d, widths…, o]; conf: Float64Array CONF_* below; acc: Float32Array [β1^t, β2^t]
 *     (in/out); alive: Uint8Array E (in/out; with mask set a member whose loss or gradient turns
 *     non-finite is marked 0 and gets a zero gradient from then on); losses: Float32Array [steps, E]
 *     (out: each member's mean batch loss per step, NaN for a member dead before the step); died: Int32Array
 *     E (out: the step at which a member was marked 0 during this call; left as given otherwise).
 * Products below 2^24 multiply-adds run on one OpenBLAS thread, larger ones and dsyevd on all (use_threads).
 */
#include <node_api.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
extern void cblas_sgemm(int order, int ta, int tb, int M, int N, int K, float alpha, const float *A, int lda,
                        const float *B, int ldb, float beta, float *C, int ldc);
extern void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
                    double *work, const int *lwork, int *iwork, const int *liwork, int *info);
extern char *openblas_get_config(void) __attribute__((weak));
extern int openblas_get_num_threads(void) __attribute__((weak));
extern void openblas_set_num_threads(int) __attribute__((weak));

/* OpenBLAS's thread count: every thread (its default, OPENBLAS_NUM_THREADS) for products of at least
 * PARALLEL_MACS multiply-adds and for dsyevd, one thread below that. Small products gain little from a
 * second thread, and its worker spins between calls, taking a core from whatever else runs (the wasm
 * main thread of a parallel notebook, on a 2-core machine). */
#define PARALLEL_MACS (1 << 24)
static int max_threads = 0, cur_threads = 0;
static void use_threads(int big) {
  if (!openblas_set_num_threads || !openblas_get_num_threads) return;
  if (!max_threads) max_threads = cur_threads = openblas_get_num_threads();
  int want = big ? max_threads : 1;
  if (want != cur_threads) { openblas_set_num_threads(want); cur_threads = want; }
}

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "activation_native: N-API call failed: " #call); return NULL; } } while (0)

static int64_t get_i64(napi_env env, napi_value v) { int64_t x = 0; napi_get_value_int64(env, v, &x); return x; }
static double get_f64(napi_env env, napi_value v) { double x = 0; napi_get_value_double(env, v, &x); return x; }
static int get_bool(napi_env env, napi_value v) { bool b = false; if (napi_get_value_bool(env, v, &b) != napi_ok) return (int)get_i64(env, v) != 0; return b; }

static napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 16; napi_value argv[16];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 16) { napi_throw_type_error(env, NULL, "sgemm: 16 arguments expected"); return NULL; }
  void *base = NULL; size_t bytes = 0;
  CHECK(napi_get_arraybuffer_info(env, argv[0], &base, &bytes));
  int64_t aOff = get_i64(env, argv[1]), bOff = get_i64(env, argv[2]), cOff = get_i64(env, argv[3]);
  int64_t batch = get_i64(env, argv[4]), M = get_i64(env, argv[5]), N = get_i64(env, argv[6]), K = get_i64(env, argv[7]);
  int ta = get_bool(env, argv[8]), tb = get_bool(env, argv[9]);
  int64_t sA = get_i64(env, argv[10]), sB = get_i64(env, argv[11]);
  int64_t biasOff = get_i64(env, argv[12]), biasSize = get_i64(env, argv[13]);
  int act = (int)get_i64(env, argv[14]);
  float alpha = (float)get_f64(env, argv[15]);
  /* bounds: every byte range read or written must lie inside the buffer */
  int64_t lastA = aOff + 4 * ((batch - 1) * sA + M * K), lastB = bOff + 4 * ((batch - 1) * sB + K * N);
  int64_t lastC = cOff + 4 * batch * M * N;
  if (batch < 1 || M < 0 || N < 0 || K < 0 || aOff < 0 || bOff < 0 || cOff < 0 || sA < 0 || sB < 0 ||
      (aOff | bOff | cOff) % 4 || lastA > (int64_t)bytes || lastB > (int64_t)bytes || lastC > (int64_t)bytes ||
      (biasOff >= 0 && (biasOff % 4 || biasOff + 4 * biasSize > (int64_t)bytes || (biasSize != 1 && biasSize != N)))) {
    napi_throw_range_error(env, NULL, "sgemm: operand outside the buffer or bad shape");
    return NULL;
  }
  use_threads((double)batch * M * N * K >= PARALLEL_MACS);
  char *p = (char *)base;
  const float *bias = biasOff >= 0 ? (const float *)(p + biasOff) : NULL;
  int lda = ta ? (int)M : (int)K, ldb = tb ? (int)K : (int)N;
  for (int64_t b = 0; b < batch; b++) {
    const float *A = (const float *)(p + aOff) + b * sA, *B = (const float *)(p + bOff) + b * sB;
    float *C = (float *)(p + cOff) + b * M * N;
    if (K == 0) memset(C, 0, sizeof(float) * M * N);
    else if (M > 0 && N > 0) cblas_sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, (int)M, (int)N, (int)K,
                                      1.0f, A, lda, B, ldb, 0.0f, C, (int)N);
    if (bias || act) {
      for (int64_t i = 0; i < M; i++) {
        float *row = C + i * N;
        for (int64_t j = 0; j < N; j++) {
          float x = row[j] + (bias ? bias[biasSize == 1 ? 0 : j] : 0.0f);
          switch (act) {
            case 1: x = x > 0 ? x : 0; break;
            case 2: x = x < 0 ? 0 : (x > 6 ? 6 : x); break;
            case 3: x = x > 0 ? x : expm1f(x); break;
            case 4: x = 1.0f / (1.0f + expf(-x)); break;
            case 5: x = x > 0 ? x : alpha * x; break;
            default: break;
          }
          row[j] = x;
        }
      }
    }
  }
  return NULL;
}

static napi_value Dsyevd(napi_env env, napi_callback_info info) {
  size_t argc = 4; napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4) { napi_throw_type_error(env, NULL, "dsyevd: 4 arguments expected"); return NULL; }
  napi_typedarray_type ta, tw; size_t la, lw; void *pa, *pw; napi_value ab; size_t off;
  CHECK(napi_get_typedarray_info(env, argv[0], &ta, &la, &pa, &ab, &off));
  CHECK(napi_get_typedarray_info(env, argv[1], &tw, &lw, &pw, &ab, &off));
  int n = (int)get_i64(env, argv[2]);
  int vec = get_bool(env, argv[3]);
  if (ta != napi_float64_array || tw != napi_float64_array || n < 0 || la < (size_t)n * n || lw < (size_t)n) {
    napi_throw_range_error(env, NULL, "dsyevd: a must be a Float64Array of n·n and w of n");
    return NULL;
  }
  int info_ = 0;
  use_threads(1);
  if (n > 0) {
    const char jobz = vec ? 'V' : 'N', uplo = 'U';
    int lda = n, lwork = -1, liwork = -1, iwq = 0;
    double wq = 0;
    dsyevd_(&jobz, &uplo, &n, (double *)pa, &lda, (double *)pw, &wq, &lwork, &iwq, &liwork, &info_);
    if (info_ == 0) {
      lwork = (int)wq; liwork = iwq;
      double *work = (double *)malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
      int *iwork = (int *)malloc(sizeof(int) * (size_t)(liwork > 1 ? liwork : 1));
      if (!work || !iwork) { free(work); free(iwork); napi_throw_error(env, NULL, "dsyevd: out of memory"); return NULL; }
      dsyevd_(&jobz, &uplo, &n, (double *)pa, &lda, (double *)pw, work, &lwork, iwork, &liwork, &info_);
      free(work); free(iwork);
    }
  }
  napi_value r; CHECK(napi_create_int32(env, info_, &r));
  return r;
}

static napi_value Info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value o, cfg, th;
  CHECK(napi_create_object(env, &o));
  const char *c = openblas_get_config ? openblas_get_config() : "unknown BLAS (not OpenBLAS)";
  CHECK(napi_create_string_utf8(env, c, NAPI_AUTO_LENGTH, &cfg));
  if (openblas_get_num_threads && !max_threads) max_threads = cur_threads = openblas_get_num_threads();
  CHECK(napi_create_int32(env, openblas_get_num_threads ? max_threads : 1, &th));
  CHECK(napi_set_named_property(env, o, "config", cfg));
  CHECK(napi_set_named_property(env, o, "threads", th));
  return o;
}


/* ------------------------------------------------------------------ trainEpoch */

enum { CONF_E, CONF_N, CONF_BATCH, CONF_IDXROWS, CONF_ACT, CONF_ACTPARAM, CONF_OUTSIGMOID, CONF_BCE, CONF_ADAM,
       CONF_LR, CONF_BETA1, CONF_BETA2, CONF_EPS, CONF_MASK, CONF_LEN };
/* activation ids, as lib/networks/train-native.ts numbers them */
enum { A_IDENTITY, A_HEAVISIDE, A_SIGMOID, A_TANH, A_RELU, A_LEAKY, A_ELU, A_SOFTPLUS, A_GELU, A_SWISH, A_MISH,
       A_SIN, A_REPU, A_MREPU, A_COUNT };

/* e^x in float32 for the activations' inner loops: Cephes expf (range reduction by ln 2 in two parts, degree-6
 * polynomial, 2^n by the exponent bits), within 1.2e-7 of expf, inlined so the loops vectorise (libm's expf is a
 * call per element). NaN stays NaN (divergence detection needs it); the argument is clamped to [−87.3, 88.7]. */
static inline float fexp(float x) {
  x = x < -87.3f ? -87.3f : x;
  x = x > 88.7f ? 88.7f : x;
  const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f; /* round to nearest (1.5·2^23 trick) */
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f; p = p * r + 8.3334519073e-3f; p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f; p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  union { int32_t i; float f; } sc = { .i = ((int32_t)n + 127) << 23 };
  return y * sc.f;
}
static inline float sigm(float x) { return 1.0f / (1.0f + fexp(-x)); }
/* TF.js's softplus: x above −ln(ε_float32) − 2 ≈ 13.94, e^x below its negative, ln(1 + e^x) between */
static float softplusf(float x) { const float th = 13.942385f; return x > th ? x : (x < -th ? expf(x) : logf(expf(x) + 1.0f)); }
/* y^k for an integer k >= 0 by repeated multiplication (as lib/core/activations-tf intPow) */
static float ipow(float y, int k) { float r = 1.0f; for (int i = 0; i < k; i++) r *= y; return r; }

/* h = f(z) and, for the backward pass, d = f'(z), as the TF.js ops of lib/core/activations-tf compute them */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VEC_CLONES __attribute__((target_clones("avx2,fma", "default")))
#else
#define VEC_CLONES
#endif
VEC_CLONES static void act_fwd(int a, float q, int p, const float *restrict z, float *restrict h, float *restrict d, int64_t n) {
  /* one loop per activation (a switch inside the loop would keep the compiler from vectorising it) */
#define LOOP(...) for (int64_t i = 0; i < n; i++) { const float x = z[i]; float y, dy; __VA_ARGS__; h[i] = y; d[i] = dy; } break
  switch (a) {
    case A_IDENTITY: LOOP(y = x; dy = 1);
    case A_HEAVISIDE: LOOP(y = x > 0 ? 1.0f : 0.0f; dy = 0);
    case A_SIGMOID: LOOP(y = sigm(x); dy = y * (1 - y));
    case A_TANH: LOOP(const float s = sigm(2 * x); y = 2 * s - 1; dy = 4 * s * (1 - s));
    case A_RELU: LOOP(y = x > 0 ? x : 0; dy = x > 0 ? 1.0f : 0.0f);
    case A_LEAKY: LOOP(y = x > 0 ? x : q * x; dy = x > 0 ? 1.0f : (x < 0 ? q : 0.0f));
    case A_ELU: LOOP(const float e = fexp(x); y = x > 0 ? x : q * (e - 1); dy = x > 0 ? 1.0f : (x < 0 ? q * e : 0.0f));
    case A_SOFTPLUS: LOOP(y = softplusf(x); dy = sigm(x));
    case A_GELU: LOOP(const float c = 0.5f * (1 + erff(x * 0.70710678118654752f)); y = x * c; dy = c + x * fexp(-0.5f * x * x) * 0.3989422804014327f);
    case A_SWISH: LOOP(const float s = sigm(q * x); y = x * s; dy = s + x * q * s * (1 - s));
    case A_MISH: LOOP(const float s = sigm(2 * softplusf(x)), t = 2 * s - 1; y = x * t; dy = t + x * 4 * s * (1 - s) * sigm(x));
    case A_SIN: LOOP(y = sinf(x); dy = cosf(x));
    case A_REPU: LOOP(const float r = x > 0 ? x : 0; y = ipow(r, p); dy = x > 0 ? (float)p * ipow(r, p - 1) : 0.0f);
    case A_MREPU: LOOP(const float u = x + 1, r = u > 0 ? u : 0, rp = ipow(r, p); y = x * rp; dy = rp + (u > 0 ? x * (float)p * ipow(r, p - 1) : 0.0f));
    default: LOOP(y = NAN; dy = NAN; (void)x);
  }
#undef LOOP
}

/* Z[i, :] += b (a row broadcast over Bs rows) */
VEC_CLONES static void add_bias(float *restrict Z, const float *restrict b, int64_t rows, int64_t cols) {
  for (int64_t i = 0; i < rows; i++) for (int64_t j = 0; j < cols; j++) Z[i * cols + j] += b[j];
}
/* gb = Σ_i dZ[i, :] */
VEC_CLONES static void col_sum(const float *restrict dZ, float *restrict gb, int64_t rows, int64_t cols) {
  for (int64_t j = 0; j < cols; j++) gb[j] = 0;
  for (int64_t i = 0; i < rows; i++) for (int64_t j = 0; j < cols; j++) gb[j] += dZ[i * cols + j];
}
/* dZ = dH ⊙ f'(Z) */
VEC_CLONES static void mul_into(float *restrict dZ, const float *restrict dH, const float *restrict D, int64_t n) {
  for (int64_t k = 0; k < n; k++) dZ[k] = dH[k] * D[k];
}
/* tf.train.adam's update of one tensor, operation for operation in float32 */
VEC_CLONES static void adam_update(float *restrict th, float *restrict m1, float *restrict m2, const float *restrict g, int64_t len,
                                   float b1, float b2, float ob1, float ob2, float c1, float c2, float eps, float lr) {
  for (int64_t k = 0; k < len; k++) {
    const float gv = g[k];
    const float nm = m1[k] * b1 + gv * ob1, nv = m2[k] * b2 + (gv * gv) * ob2;
    m1[k] = nm; m2[k] = nv;
    const float mh = nm / c1, vh = nv / c2;
    th[k] = (mh / (sqrtf(vh) + eps)) * (-lr) + th[k];
  }
}
/* tf.train.sgd's update: θ + (−lr)·g */
VEC_CLONES static void sgd_update(float *restrict th, const float *restrict g, int64_t len, float lr) {
  for (int64_t k = 0; k < len; k++) th[k] = (-lr) * g[k] + th[k];
}

static void gemm(int ta, int tb, int M, int N, int K, const float *A, int lda, const float *B, int ldb, float *C, int ldc) {

  if (K == 0) { for (int i = 0; i < M; i++) memset(C + (int64_t)i * ldc, 0, sizeof(float) * N); return; }
  cblas_sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, M, N, K, 1.0f, A, lda, B, ldb, 0.0f, C, ldc);
}

#define TA_GET(i, type, ptr, len) do { napi_typedarray_type t_; size_t l_; void *p_; napi_value ab_; size_t o_; \
  if (napi_get_typedarray_info(env, argv[i], &t_, &l_, &p_, &ab_, &o_) != napi_ok || t_ != type) { \
    napi_throw_type_error(env, NULL, "trainEpoch: argument " #i " has the wrong typed-array type"); return NULL; } \
  ptr = p_; len = (int64_t)l_; } while (0)

static napi_value TrainEpoch(napi_env env, napi_callback_info info) {
  size_t argc = 12; napi_value argv[12];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 12) { napi_throw_type_error(env, NULL, "trainEpoch: 12 arguments expected"); return NULL; }
  float *theta, *mom1, *mom2, *X, *Y, *acc, *losses; int32_t *idx, *dims; double *conf; uint8_t *alive; int32_t *died;
  int64_t nTheta, nM, nV, nX, nY, nIdx, nDims, nConf, nAcc, nAlive, nLoss, nDied;
  TA_GET(0, napi_float32_array, theta, nTheta);
  TA_GET(1, napi_float32_array, mom1, nM);
  TA_GET(2, napi_float32_array, mom2, nV);
  TA_GET(3, napi_float32_array, X, nX);
  TA_GET(4, napi_float32_array, Y, nY);
  TA_GET(5, napi_int32_array, idx, nIdx);
  TA_GET(6, napi_int32_array, dims, nDims);
  TA_GET(7, napi_float64_array, conf, nConf);
  TA_GET(8, napi_float32_array, acc, nAcc);
  TA_GET(9, napi_uint8_array, alive, nAlive);
  TA_GET(10, napi_float32_array, losses, nLoss);
  TA_GET(11, napi_int32_array, died, nDied);
#define BAD(msg) do { napi_throw_range_error(env, NULL, "trainEpoch: " msg); return NULL; } while (0)
  if (nConf < CONF_LEN) BAD("conf too short");
  const int64_t E = (int64_t)conf[CONF_E], n = (int64_t)conf[CONF_N], bs = (int64_t)conf[CONF_BATCH], idxRows = (int64_t)conf[CONF_IDXROWS];
  const int act = (int)conf[CONF_ACT], bce = conf[CONF_BCE] != 0, outSig = conf[CONF_OUTSIGMOID] != 0, adam = conf[CONF_ADAM] != 0, mask = conf[CONF_MASK] != 0;
  const float q = (float)conf[CONF_ACTPARAM]; const int pw = (int)conf[CONF_ACTPARAM];
  const float lr = (float)conf[CONF_LR], b1 = (float)conf[CONF_BETA1], b2 = (float)conf[CONF_BETA2], eps = (float)conf[CONF_EPS];
  /* 1 − β as TF.js passes it: computed in double, then rounded to float32 */
  const float ob1 = (float)(1.0 - conf[CONF_BETA1]), ob2 = (float)(1.0 - conf[CONF_BETA2]);
  const int L = (int)nDims - 1;
  if (L < 1 || E < 1 || n < 1 || bs < 1 || (idxRows != 1 && idxRows != E) || act < 0 || act >= A_COUNT || nAcc < 2 || nAlive < E || nDied < E) BAD("bad configuration");
  if ((act == A_REPU || act == A_MREPU) && pw < 1) BAD("p must be >= 1");
  int64_t P = 0, maxDim = 0;
  for (int l = 0; l <= L; l++) { if (dims[l] < 1) BAD("layer sizes must be >= 1"); if (dims[l] > maxDim) maxDim = dims[l]; }
  for (int l = 0; l < L; l++) P += (int64_t)dims[l] * dims[l + 1] + dims[l + 1];
  const int64_t d = dims[0], o = dims[L], steps = (n + bs - 1) / bs, rows = nX / d;
  if (nTheta != E * P || (adam && (nM != E * P || nV != E * P)) || nIdx < idxRows * n || nY != rows * o || nX != rows * d || nLoss < steps * E) BAD("array lengths do not match the configuration");
  for (int64_t i = 0; i < idxRows * n; i++) if (idx[i] < 0 || idx[i] >= rows) BAD("row index out of range");
  const int64_t B = bs < n ? bs : n;
  /* scratch: per layer l = 0..L the activations H_l [B, n_l] (H_0 the inputs, H_L the outputs) and f'(Z_l) */
  int64_t scratch = 2 * B * maxDim + P;
  for (int l = 0; l <= L; l++) scratch += 2 * B * dims[l];
  float *mem = (float *)malloc(sizeof(float) * (size_t)scratch);
  if (!mem) { napi_throw_error(env, NULL, "trainEpoch: out of memory"); return NULL; }
  float *H[64], *D[64];
  if (L >= 64) { free(mem); BAD("at most 63 layers"); }
  float *cur = mem;
  for (int l = 0; l <= L; l++) { H[l] = cur; cur += B * dims[l]; D[l] = cur; cur += B * dims[l]; }
  float *dZ = cur; cur += B * maxDim;
  float *dH = cur; cur += B * maxDim;
  float *g = cur;
  /* offsets of W_l and b_l in theta (member 0) */
  int64_t offW[64], offB[64];
  { int64_t off = 0; for (int l = 0; l < L; l++) { offW[l] = off; off += E * dims[l] * dims[l + 1]; offB[l] = off; off += E * dims[l + 1]; } }
  use_threads(0);
  for (int64_t s = 0, start = 0; s < steps; s++, start += bs) {
    const int64_t Bs = n - start < bs ? n - start : bs;
    const float c1 = 1.0f - acc[0], c2 = 1.0f - acc[1];
    for (int64_t m = 0; m < E; m++) {
      const int32_t *rowsOf = idx + (idxRows == 1 ? 0 : m * n) + start;
      for (int64_t i = 0; i < Bs; i++) memcpy(H[0] + i * d, X + (int64_t)rowsOf[i] * d, sizeof(float) * d);
      /* forward */
      for (int l = 0; l < L; l++) {
        const int64_t ni = dims[l], no = dims[l + 1];
        const float *W = theta + offW[l] + m * ni * no, *b = theta + offB[l] + m * no;
        float *Z = l + 1 < L ? D[l + 1] : H[L]; /* hidden: Z into D then f(Z) into H */
        gemm(0, 0, (int)Bs, (int)no, (int)ni, H[l], (int)ni, W, (int)no, Z, (int)no);
        add_bias(Z, b, Bs, no);
        if (l + 1 < L) act_fwd(act, q, pw, Z, H[l + 1], D[l + 1], Bs * no);
      }
      /* loss (float32, as TF.js's mean) and its gradient at the output's pre-activation */
      const float *zo = H[L];
      double lsum = 0;
      const float inv = 1.0f / (float)(Bs * o);
      for (int64_t i = 0; i < Bs; i++) {
        const float *y = Y + (int64_t)rowsOf[i] * o;
        for (int64_t j = 0; j < o; j++) {
          const float z = zo[i * o + j], t = y[j];
          float gz;
          if (bce) { lsum += (double)(softplusf(z) - t * z); gz = (sigm(z) - t) * inv; }
          else if (outSig) { const float sz = sigm(z), e = sz - t; lsum += (double)e * e; gz = 2 * e * inv * sz * (1 - sz); }
          else { const float e = z - t; lsum += (double)e * e; gz = 2 * e * inv; }
          dZ[i * o + j] = gz;
        }
      }
      const float lossM = (float)(lsum / (double)(Bs * o));
      /* backward into g (member m, theta's per-layer order) */
      int64_t goff = P;
      for (int l = L - 1; l >= 0; l--) {
        const int64_t ni = dims[l], no = dims[l + 1];
        goff -= ni * no + no;
        float *gW = g + goff, *gb = gW + ni * no;
        gemm(1, 0, (int)ni, (int)no, (int)Bs, H[l], (int)ni, dZ, (int)no, gW, (int)no);
        col_sum(dZ, gb, Bs, no);
        if (l > 0) {
          const float *W = theta + offW[l] + m * ni * no;
          gemm(0, 1, (int)Bs, (int)ni, (int)no, dZ, (int)no, W, (int)no, dH, (int)ni);
          mul_into(dZ, dH, D[l], Bs * ni);
        }
      }
      /* divergence: the loss or a gradient entry non-finite (or their sum beyond float32) */
      int bad = 0;
      if (mask) {
        double probe = lossM;
        for (int64_t k = 0; k < P; k++) probe += g[k];
        bad = !isfinite(probe) || fabs(probe) > 3.4028234663852886e38;
      }
      losses[s * E + m] = alive[m] ? lossM : NAN;
      if (mask && alive[m] && bad) { alive[m] = 0; died[m] = (int32_t)s; }
      if (mask && !alive[m]) memset(g, 0, sizeof(float) * P);
      /* the optimizer step for member m (elementwise, so members are independent) */
      int64_t gk = 0;
      for (int l = 0; l < L; l++) {
        const int64_t ni = dims[l], no = dims[l + 1];
        const int64_t parts[2][2] = { { offW[l] + m * ni * no, ni * no }, { offB[l] + m * no, no } };
        for (int part = 0; part < 2; part++) {
          float *th = theta + parts[part][0], *gg = g + gk;
          const int64_t len = parts[part][1];
          gk += len;
          if (adam) adam_update(th, mom1 + parts[part][0], mom2 + parts[part][0], gg, len, b1, b2, ob1, ob2, c1, c2, eps, lr);
          else sgd_update(th, gg, len, lr);
        }
      }
    }
    if (adam) { acc[0] = acc[0] * b1; acc[1] = acc[1] * b2; }
  }
  free(mem);
  napi_value r; CHECK(napi_create_int64(env, steps, &r));
  return r;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor d[] = {
    { "sgemm", NULL, Sgemm, NULL, NULL, NULL, napi_default, NULL },
    { "dsyevd", NULL, Dsyevd, NULL, NULL, NULL, napi_default, NULL },
    { "info", NULL, Info, NULL, NULL, NULL, napi_default, NULL },
    { "trainEpoch", NULL, TrainEpoch, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_define_properties(env, exports, sizeof d / sizeof d[0], d);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
