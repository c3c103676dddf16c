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

## What the command line asked for cannot be done

usage-out-file = --out { $folder } is a file, not a folder; choose a folder for the websites
usage-out-not-empty = { $folder } already holds files that loa did not write, and a build replaces the whole folder; choose an empty or new folder with --out, or move those files away first
usage-out-campaign = --out { $folder } would overwrite the campaign itself; choose a separate folder such as { $public }
usage-district = --district { $slug }: { $message }; { $help }
usage-new-lang = --lang { $lang }: the campaign's languages are { $languages }
usage-new-exists = { $file } already exists; loa new never overwrites a file. Choose another title, or edit that file
usage-new-control = the title contains an invisible control character ({ $character }); type the title again without it
usage-new-no-letters = the title `{ $title }` has no letters or digits to make a web address from
usage-init-name = { $flag } must be a campaign name in plain text, without control characters
usage-init-no-lang = --lang needs at least one language code, such as vi,en
usage-init-lang = --lang: `{ $lang }` is not a language code; use two or three lowercase letters, such as vi, en or fr
usage-init-lang-twice = --lang names `{ $lang }` twice
usage-init-not-empty = { $folder } is not empty; loa init starts a campaign only in a new or empty folder, so nothing was written. Choose another folder, e.g. `loa init my-campaign`
usage-init-file = { $folder } is a file; give loa init a folder name
usage-ci-checksum = this loa was built from source, so it does not know the checksum of its release's program for CI; add --loa-sha256 with the checksum of { $asset } from SHA256SUMS of release v{ $version } ({ $url })
usage-ci-sha256 = --loa-sha256 must be a SHA-256 checksum: 64 characters 0-9 and a-f, as in SHA256SUMS
usage-ci-exists = { $file } exists already; loa init --ci writes a new workflow only, so nothing was written. Remove it first to write it again
usage-runtime = cannot start the network runtime: { $reason }
usage-deploy-refused = cannot publish { $district } to { $target }: { $reason }; nothing was built or sent
usage-deploy-no-target = district `{ $district }` has no `deploy:` target; add one to { $file } (see README, Hosting)
usage-no-district = there is no district `{ $slug }`
usage-deploy-no-targets = no district has a `deploy:` target yet; add one to a district file (see README, Hosting)
usage-zip-clash = --zip: the districts `{ $first }` and `{ $second }` would both have a zip named { $second }.zip (the first one's offline zip); rename content/districts/{ $second }.yaml
usage-ctrl-c = cannot handle Ctrl-C: { $reason }
usage-listen = cannot listen on { $address }: { $reason }; choose another --port
usage-root-missing = --root { $folder }: there is no such folder
usage-no-campaign = there is no campaign here: { $file } does not exist; run loa in the campaign folder (the one holding `content/`), or pass --root FOLDER
usage-no-campaign-content = there is no campaign here: { $file } does not exist; --root is the folder that holds `content/`, not `content/` itself

## loa build

build-done = Built { $districts } { $districts ->
    [one] district
   *[other] districts
  } × { $languages } languages: { $pages } pages, { $files } files in { $seconds } s → { $folder }
build-pictures = Pictures: { $processed } processed, { $cached } from the cache (.loa-cache/)
build-pictures-progress = Pictures: { $done } of { $total } ready
build-kept = Kept what loa did not write in { $folder }: { $files }
build-replaced = replaced files loa did not write, because the site has files of the same name: { $files } (keep your own files in content/)
build-waiting = Another loa build is writing to { $folder } right now; waiting for it to finish…

## loa init and loa new

init-ci-added = Added { $file } to the campaign in { $folder }: commit it, then add the forge's secrets for loa deploy (see its first lines).
init-created = Created a campaign of { $count } files in { $folder }.
init-untranslated = The title in `{ $languages }` is the `{ $first }` name for now: translate it in content/site.yaml (give the English one with --name-en); `loa check` reminds you.
init-next = Next: `loa serve --root { $folder }` shows it in your browser; read its README.md.
new-created = Created { $file }
new-draft = It is a draft: `loa serve` shows it; remove the line `draft: true` to publish it.

## loa serve

serve-public-warning = Warning: listening on { $address } makes the preview, drafts included, visible to other computers on the network. So this preview has no editor links, opens no files and shows no call sheets; to edit, run loa serve without --bind.
serve-serving = Serving on { $address } (drafts included). Press Ctrl-C to stop.
serve-watching = Watching content/ and themes/ for changes.
serve-address = { $address }
serve-cannot-watch = cannot watch { $folder }: { $reason }
serve-not-reread = could not read the campaign again: { $reason }
serve-stopped = Stopped.
serve-stopped-answering = the preview stopped answering: { $reason }
serve-errors = { $count } error(s): still serving the last good pages; fix the file and save again.
serve-reread-all = re-read everything
serve-reparsed = re-parsed { $count } { $count ->
    [one] file
   *[other] files
  } ({ $files })
serve-loaded = Loaded the campaign in { $ms } ms: { $files }, rendered { $bodies } page { $bodies ->
    [one] body
   *[other] bodies
  }; pages render when opened.
serve-rebuilt = Rebuilt in { $ms } ms: { $files }, rendered { $bodies } page { $bodies ->
    [one] body
   *[other] bodies
  }; pages render when opened.

## loa deploy

deploy-built = Built { $districts } { $districts ->
    [one] district
   *[other] districts
  } ({ $files } files).
deploy-progress = { $district }: { $done }/{ $total } files, { $sent } / { $size }
deploy-purge-failed = the files are published, but the CDN's cache was not purged: { $reason }
deploy-summary = { $district } → { $target }: uploaded { $uploaded } ({ $size }), { $unchanged } unchanged, deleted { $deleted } in { $seconds } s{ $purge }{ $retried }
deploy-summary-dry = { $district } → { $target }: would upload { $uploaded } ({ $size }), { $unchanged } unchanged, would delete { $deleted } in { $seconds } s{ $purge }{ $retried }
deploy-purged = , purged { $count } addresses from the CDN
deploy-purge-dry = , would purge { $count } addresses from the CDN
deploy-retried = ; { $count } { $count ->
    [one] request failed for a moment and was
   *[other] requests failed for a moment and were
  } sent again (last: { $last })
deploy-no-answer = no answer
deploy-would-upload = upload { $path }
deploy-would-delete = delete { $path }
deploy-would-purge = purge { $url }

## The preview's own pages and its error overlay

overlay-title = loa: the last change has { $count } error(s); this is the last good version of the page.
preview-not-found = Not found
preview-no-page = loa serve has no page at this address.
preview-all-districts = All districts
preview-waiting-title = loa: fix the campaign
preview-waiting-heading = The campaign has errors
preview-waiting-text = Fix the errors shown; this page reloads by itself.
preview-error-title = loa: error
preview-error-heading = This page cannot be shown
usage-new-stem = `{ $stem }` cannot be a page's file name
usage-listen-desk = cannot listen on 127.0.0.1: { $reason }
