#include <benchmark/benchmark.h>
#include <cstring>
#include <vector>
static void BM_memcpy(benchmark::State& state) {
  std::vector<char> src(state.range(0), 'x'), dst(state.range(0));
  for (auto _ : state) { std::memcpy(dst.data(), src.data(), state.range(0)); benchmark::DoNotOptimize(dst.data()); }
  state.SetBytesProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(BM_memcpy)->Arg(4096)->Arg(1 << 20);
static void BM_vector_push(benchmark::State& state) {
  for (auto _ : state) { std::vector<int> v; for (int i = 0; i < 1000; ++i) v.push_back(i); benchmark::DoNotOptimize(v.data()); }
}
BENCHMARK(BM_vector_push)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
