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

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor d[] = {
    { "sgemm", NULL, Sgemm, NULL, NULL, NULL, napi_default, NULL },
    { "dsyevd", NULL, Dsyevd, NULL, NULL, NULL, napi_default, NULL },
    { "info", NULL, Info, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_define_properties(env, exports, sizeof d / sizeof d[0], d);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
