# The editor's desk: its actions (new page, check, zips, publish, a new campaign) and the line loa prints when run without a command.

desk-terminal-line = loa: the editor's desk is at { $url } (open it in your browser). Press Ctrl+C or close this window to stop.
desk-terminal-no-browser = The browser could not be opened ({ $why }): open { $url } yourself
desk-act-heading = Work
desk-act-hint = One task at a time. Every task is listed here and in the terminal window.
desk-new-heading = New page
desk-new-section = Section
desk-section-skills = Skills
desk-section-models = Models
desk-section-pages = General pages
desk-section-news = News
desk-new-title = Title
desk-new-district = Ward or commune
desk-all-districts = All wards and communes
desk-new-lang = Language
desk-new-translation-of = Translation of a page (optional)
desk-new-translation-hint = Choose the original when you write a translation: its section and ward are used.
desk-new-not-translation = None: a new page
desk-new-submit = Create the page (a draft)
desk-new-done = Created the page { $file }. It is a draft: the preview shows it, a published site does not yet. Remove the line draft: true to publish it.
desk-open-preview = Preview the new page
desk-no-title = Type a title.
desk-translation-lang = A translation is in another language than its original: choose the translation's language.
desk-no-original = This original page is not there; reload the desk and choose again.
desk-check-heading = Check as for publishing
desk-check-hint = Warnings count as errors, as when publishing (loa check --strict).
desk-check-submit = Check
desk-check-ok = Ready to publish: no errors.
desk-check-failed = { $n ->
    [one] { $n } error to fix before publishing.
   *[other] { $n } errors to fix before publishing.
}
desk-wards-heading = Zips and publishing by ward
desk-zip-hint = A zip is made when you press (it may take a moment), from the finished pages (no drafts).
desk-zip-hosting = Download the hosting zip
desk-zip-offline = Download the offline zip
desk-zip-label = Zip
desk-publish-to = Publish to { $target }
desk-publish-dry = Dry run (sends nothing)
desk-publish-real = Publish
desk-publish-none = No place to publish to yet: add deploy: to { $file }.
desk-publish-missing = Cannot publish yet: { $why }
desk-dry-heading = Dry run done: nothing was sent
desk-dry-confirm = If this is right, press Publish to send it.
desk-publish-heading = Published
desk-publish-running = Publishing
desk-would-upload = Would send
desk-would-delete = Would delete
desk-uploaded = Sent
desk-deleted = Deleted
desk-publish-counts = { $sent } files ({ $bytes }), { $same } files unchanged, { $gone } files deleted.
desk-failed-heading = Could not be done
desk-log-heading = Done in this session
desk-log-ok = done
desk-log-failed = failed
desk-back = Back to the desk
desk-busy = Another task is running; try again when it is done.
desk-setup-heading = Start a new campaign
desk-setup-intro = The folder { $dir } holds no campaign (no content/site.yaml). loa makes a starter campaign in a new folder here, then opens its desk.
desk-setup-folder = Name of the new folder
desk-setup-folder-hint = For example: my-campaign. Accents and spaces become plain letters and hyphens.
desk-setup-name = Campaign name (optional)
desk-setup-submit = Create the campaign
desk-setup-bad-folder = This folder name cannot be used: use letters and digits, such as my-campaign.
desk-setup-exists = The folder { $dir } exists and is not empty; choose another name.

## The desk's lines in the terminal

desk-terminal-start = desk: { $action }…
desk-terminal-done = desk: { $action }: { $result }
desk-terminal-failed = desk: { $action } failed: { $reason }
desk-terminal-action-line = desk: { $line }
desk-terminal-zip = { $file } ({ $bytes } bytes)
desk-terminal-dry = { $district } → { $target } (dry run): would send { $sent }, would delete { $deleted }
desk-terminal-published = { $district } → { $target }: { $sent } sent, { $deleted } deleted

## The desk's refusals and the preview's short answers

guard-off = This preview listens on a network address, so the desk's actions are off. Run loa without --bind to use them.
guard-not-post = A desk action starts only from a form on the desk (POST), never from a link or an address.
guard-not-loopback = Only the computer running the preview can use the desk's actions.
guard-host = A desk action must be sent to the preview's own address (http://127.0.0.1:PORT/ or http://localhost:PORT/).
guard-origin = Only the desk of this preview can start its actions: the form came from another page.
guard-cross-site = Only the desk of this preview can start its actions: the browser says the form came from another site.
guard-length = A desk form must give its length up front.
guard-not-form = A desk action takes a plain form.
guard-too-large = The form is too large.
guard-incomplete = The form did not arrive whole.
guard-token = This form is not from this run of the preview: reload the desk and try again.
preview-busy = The preview is busy; try again.
preview-private = Editor links and call sheets answer only on the computer running the preview.
preview-open-elsewhere = Only the desk of this preview can open files.
preview-opened = Opened in the editor.
preview-one-host = A request must carry exactly one Host header.
preview-method = Only GET and HEAD are answered.
preview-target = The request target must be a path.
preview-tabs = Too many preview tabs are open; close some and reload this one.
preview-other-host = This is a loa preview; it answers only at its own address (http://localhost:PORT/ or http://127.0.0.1:PORT/), so that other websites cannot read it.
desk-terminal-refused = desk: refused { $method } { $path }: { $reason }
desk-terminal-busy = desk: refused a task: another one is running
desk-no-section = there is no section `{ $section }`
desk-no-ward = there is no ward or commune `{ $slug }` in this preview
desk-no-zip-kind = loa makes no zip of kind “{ $kind }”: ask for `hosting` (to put on a web server) or `offline` (to open without internet)
desk-no-scratch = cannot make a folder to build in: { $reason }
desk-not-loaded = the campaign is not loaded: fix the errors shown on the desk first
desk-no-action = There is no such action.
open-network = This preview listens on a network address: it opens no files. Run loa serve without --bind to edit.
open-token = This link is not from this preview.
open-no-editor = No editor is set: set LOA_EDITOR, e.g. LOA_EDITOR="code -g {"{"}file{"}"}:{"{"}line{"}"}".
open-not-source = Only the campaign's Markdown, YAML, templates and CSS are opened.
open-failed = The editor could not be started.
