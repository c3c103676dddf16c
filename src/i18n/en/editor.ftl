# The desk's editor: one page written in a form, the page beside it.

editor-heading = Edit this page
editor-not-a-page = `{ $file }` is not a page the editor opens: only Markdown pages (.md) inside content/, never through a link
editor-no-campaign = no campaign is loaded yet
editor-translation-from = A new translation: it starts from the text of { $file }. Translate it, then save.
editor-about = About the page
editor-title = Title
editor-description = Description (one or two sentences for lists and search engines)
editor-date = Date
editor-weight = Order in its section (lower first)
editor-draft = Draft
editor-draft-help = A draft is shown only in this preview: it is never built or published until you untick this box.
editor-audience = For whom
editor-model = Model
editor-none = (none)
editor-districts = Wards and communes
editor-districts-help = Leave all unticked for the page's usual place.
editor-all-districts = All wards and communes
editor-leaflet = Place on the printed leaflet (1 first; empty: not on the leaflet)
editor-kept = Other settings of this page, kept as they are (change them in a text editor if needed):
editor-body = Text of the page (Markdown)
editor-findings = Findings on this page
editor-no-findings = No findings.
editor-line = line { $line }:
editor-preview = Preview
editor-save = Save
editor-preview-heading = The page
editor-conflict = The file was changed on disk since you opened it, so it was not saved. Its text on disk now is below; your version is still in the form. Save again to replace the file with your version, or copy what you need from the text on disk first.
editor-conflict-disk = The file on disk now
editor-busy = Another task is running: try again in a moment.
editor-saved = Saved { $file }.
editor-saved-log = Saved
editor-not-saved = Not saved: { $reason }
editor-control-characters = the field { $field } holds a control character (a tab, a line break or an invisible character): write it on one line of plain text
editor-bad-date = `{ $value }` is not a date: use the date picker (year-month-day)
editor-bad-number = the field { $field } must be a whole number
editor-bad-choice = the field { $field } holds a value that is not one of its choices
editor-edit = Edit
editor-picture-heading = Add a picture
editor-picture = Picture from your computer (JPEG, PNG, WebP or GIF)
editor-alt = What the picture shows (for people who cannot see it)
editor-alt-help = One sentence; leave empty only for a picture that is decoration.
editor-add-picture = Add the picture
editor-no-picture = Choose a picture first.
editor-picture-kind = `{ $file }` is not a picture the editor adds: choose a JPEG, PNG, WebP or GIF file
editor-picture-added = The picture was copied beside the page as { $file } and added at the end of the text. Its location and camera details are never published. Save to keep the text.

## What the terminal says

editor-terminal-refused = desk: the editor refused { $file }
editor-terminal-conflict = desk: { $file } was changed on disk since it was opened: not saved
editor-terminal-saved = desk: saved { $file }
editor-terminal-picture = desk: added the picture { $name } beside { $file }
