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
desk-progress-line = { $n }/{ $total } files, { $bytes } / { $all }
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
