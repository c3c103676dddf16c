# `loa --help` and each command's `--help`: `cli-<command>-about` and
# `cli-<command>-<option>` (the option's name with `-` for `_`).

cli-usage = Usage:
cli-commands = Commands
cli-options = Options
cli-arguments = Arguments
cli-help = Print help
cli-version = Print version
cli-about = loa builds accessible, bilingual campaign websites: one site for each district, from Markdown pages and YAML files in a `content/` folder. Without a command, loa opens the editor's desk of the campaign in this folder in your browser (or offers to start one).
cli-no-open = Without a command: do not open the browser (also LOA_NO_BROWSER=1).

cli-build-about = Build every district's website into a folder (public/ by default).
cli-build-root = The campaign folder: the one holding content/ (default: this folder).
cli-build-out = Where to write the websites (default: public/ in the campaign folder).
cli-build-districts = Build only this district (its file name without .yaml); repeat for more.
cli-build-offline = Make every link end in index.html, so the folder works when opened from a USB stick or a disk, without a web server.
cli-build-zip = Also write two zips per district beside its folder, each with its SHA-256 (the same bytes for the same site): <slug>.zip to upload to a host, <slug>-offline.zip that works opened from a folder or a USB stick (links end in index.html).

cli-check-about = Check the campaign before publishing: links, translations, hotlines, accessibility. Writes nothing.
cli-check-root = The campaign folder: the one holding content/ (default: this folder).
cli-check-districts = Check only this district; repeat for more.
cli-check-strict = Count warnings as errors (use this before publishing, and in CI).
cli-check-format = How to print the findings: `human` (for people, grouped by file, with a summary) or `json` (for programs; see `loa check --schema`).
cli-check-list-external = Also list every link to another website (they are never fetched).
cli-check-schema = Print the JSON Schema of `--format json` and stop.
cli-check-explain = Explain a finding code (such as `link/broken`) and stop; without a code, list every code.

cli-new-about = Start a new page from a title: loa new skill "Kỹ năng đường dây nóng".
cli-new-kind = What kind of page: `skill` (a practical guide, in skills/), `model` (a safe-community model, in models/), `page` (a general page, in pages/) or `news` (a news item dated today, in news/).
cli-new-title = The page's title, in quotes; its file name is made from it.
cli-new-district = Make the page for one district only (its file name without .yaml).
cli-new-lang = The language of the page, e.g. en for the English translation (default: the campaign's first language).
cli-new-root = The campaign folder: the one holding content/ (default: this folder).

cli-init-about = Start a new campaign in a new or empty folder: it builds and passes `loa check` at once.
cli-init-dir = The folder for the new campaign (default: this folder, if empty).
cli-init-lang = The campaign's languages, the first the default: vi,en or en,vi; other languages start with the English text to translate.
cli-init-name = The campaign's name (the sites' title) in the first language, in quotes. Other languages get it too until translated (`loa check` reminds you), unless given: --name-en for English.
cli-init-name-en = The campaign's name in English, in quotes.
cli-init-ci = Also write the forge's workflow that checks every change and publishes the main branch (`github` or `gitlab`); in a folder that holds a campaign already, write only that.
cli-init-loa-sha256 = The SHA-256 of the release's Linux program for CI, from the release's SHA256SUMS (needed only by a loa built from source).

cli-serve-about = Preview the campaign in your browser while you edit it; pages reload by themselves when you save.
cli-serve-root = The campaign folder: the one holding content/ (default: this folder).
cli-serve-district = Preview only this district.
cli-serve-port = The port to listen on (0 picks a free one).
cli-serve-bind = The address to listen on. Only this computer can see the preview unless you give another address (drafts would then be visible).

cli-deploy-about = Build, then publish each district to the target in its district file (deploy: in content/districts/<slug>.yaml): only changed files are sent, removed files are deleted last.
cli-deploy-root = The campaign folder: the one holding content/ (default: this folder).
cli-deploy-out = Where the build writes the websites before they are sent (default: public/ in the campaign folder).
cli-deploy-districts = Publish only this district; repeat for more (default: every district with a deploy: target).
cli-deploy-dry-run = Only list what would be sent and deleted; change nothing.
cli-deploy-force = Send every file, even those already there.
cli-deploy-adopt = Let loa replace files at the target that it did not put there (it refuses otherwise, and lists them), and delete them later when the site no longer has them.
cli-deploy-strict = Refuse to publish a campaign that fails `loa check --strict` (such as example hotline data).
cli-command = COMMAND
cli-default = (default:

## What was wrong on the command line (clap's parse errors)

parse-error-command = `{ $arg }` is not a command of loa
parse-error-command-like = `{ $arg }` is not a command of loa; did you mean `{ $like }`?
parse-error-unknown = `{ $command }` has no option `{ $arg }`
parse-error-unknown-like = `{ $command }` has no option `{ $arg }`; did you mean `{ $like }`?
parse-error-no-value = `{ $arg }` needs a value after it
parse-error-value = `{ $value }` is not a value `{ $arg }` takes
parse-error-value-one-of = `{ $value }` is not a value `{ $arg }` takes; write one of: { $values }
parse-error-value-reason = `{ $value }` is not a value `{ $arg }` takes (“{ $reason }”)
parse-error-values = `{ $arg }` was given a wrong number of values
parse-error-twice = `{ $arg }` can be given only once
parse-error-conflict = `{ $arg }` cannot be used together with `{ $other }`; keep one of them
parse-error-missing = `{ $command }` needs { $args }
parse-error-no-command = `{ $command }` needs a command after it
parse-error-equals = `{ $arg }` needs its value after an equals sign, e.g. { $arg }=VALUE
parse-error-utf8 = an argument is not valid text (UTF-8); type it again
parse-error-other = `{ $command }` could not understand this command line
parse-error-help = type `{ $help }` to see what it takes
