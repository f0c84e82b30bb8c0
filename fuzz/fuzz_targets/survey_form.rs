#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pathway_core::fuzzing::survey_form(data);
});
