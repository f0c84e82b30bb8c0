#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pathway_core::fuzzing::worksheet_form(data);
});
