# What the commands say: progress, summaries, errors that stop a command.

## loa check

report-whole-campaign = (the campaign as a whole)
report-external-links = Links to other websites ({ $count }), not fetched:
report-translations = Translations (pages written in each language / pages):
report-section = section
report-all-pages = all pages
report-district-only = { $section } ({ $district } only)
summary-ready = Ready to publish: { $errors } { $errors ->
    [one] error
   *[other] errors
  }, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  }
summary-not-ready = Not ready to publish: { $errors } { $errors ->
    [one] error
   *[other] errors
  }, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  }
summary-strict = {" "}(--strict: warnings count as errors)
summary-all-example = Every error is example data that nobody has checked yet: verify each entry and page, then remove `example: true`.
explain-unknown = there is no finding code `{ $code }`; `loa check --explain` lists them all
explain-unknown-close = there is no finding code `{ $code }` (did you mean `{ $close }`?); `loa check --explain` lists them all

## Errors that stop a command

error-read = could not read { $path }
error-write = could not write { $path }
error-content = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
  } found in the campaign; nothing was written
error-publish = publishing { $district } to { $target } failed: { $reason }
    Its site there is whole (old or new pages, each with its assets). Run `{ $command }` again to finish.
