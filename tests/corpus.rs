//! The finding corpus, one test per case (`tests/testsuite/check/<case>/`),
//! run in parallel by libtest-mimic so that a failing case fails by name and
//! `cargo test --test corpus a11y--h1` runs one. What a case holds and how
//! it is compared: `tests/testsuite/corpus.rs`.

#[path = "testsuite/corpus.rs"]
mod corpus;
#[path = "testsuite/support.rs"]
mod support;

use std::sync::{Arc, OnceLock};

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    // The schema comes from `loa check --schema`: asked once, when the first
    // case runs (listing the tests runs nothing).
    let validator: Arc<OnceLock<jsonschema::Validator>> = Arc::new(OnceLock::new());
    let mut trials = vec![
        Trial::test("the_base_of_the_corpus_reports_only_what_it_states", || {
            corpus::the_base_reports_only_what_it_states().map_err(Failed::from)
        }),
        Trial::test("every_finding_code_has_a_case", || {
            corpus::every_finding_code_has_a_case().map_err(Failed::from)
        }),
    ];
    for name in corpus::case_names() {
        let validator = Arc::clone(&validator);
        trials.push(Trial::test(format!("case::{name}"), move || {
            let validator = validator.get_or_init(corpus::schema);
            corpus::run_case(&name, validator).map_err(Failed::from)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
