//! The `pathway` command line (see `pathway::cli`).

/// jemalloc rather than the system allocator: it gives freed memory back
/// to the system after a second (the options are in `.cargo/config.toml`)
/// where glibc keeps it in an arena per thread; a PDF render left about
/// 15 MB behind that way (the figures are in BENCHMARKS.md, "Issue 20").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    pathway::cli::main()
}
