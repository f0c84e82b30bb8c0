//! The `pathway` command line (see `pathway::cli`).

fn main() -> std::process::ExitCode {
    pathway::cli::main()
}
