# Findings: what `loa check`, `build`, `serve` and the desk report, and how
# to fix each. One message per finding; `-help` ids are the help line.
# Arguments: { $file }, { $line }, { $value }, { $limit }… (see GLOSSARY.md).

## Words around findings

word-error = error
word-warning = warning
word-help = help
yaml-reader-said = (the YAML reader said: { $words })
hint-did-you-mean = did you mean `{ $word }`?
hint-languages-are = the campaign's languages are: { $languages }
hint-no-districts = there are no district files yet
hint-districts-are = the districts are: { $districts }

## Campaign settings (site.yaml, district files)

config-no-districts = the campaign has no districts yet
config-no-districts-help = create a file content/districts/<slug>.yaml, for example ba-dinh.yaml with `name: {"{"} vi: "Phường Ba Đình", en: "Ba Dinh Ward" {"}"}`
config-district-file-name = `{ $name }`: a district file name must be a slug (used in its web address)
config-district-reserved-help = choose another name: { $names } are used by loa itself
config-district-rename-help = rename it to `{ $slug }.yaml`: lowercase letters without accents, digits and hyphens
config-district-twice = this file and { $first } are both the file of district `{ $slug }`: both would be built into its one folder, a different one each time
config-district-twice-help = keep one of them: delete this file, or move what it holds into { $first }
config-quick-exit = quick_exit_url `{ $url }` is not a full web address
config-quick-exit-help = use a neutral page such as "https://nchmf.gov.vn/" (the weather service)
config-quick-exit-long = quick_exit_url is { $length } characters long, and it is written into every page
config-quick-exit-long-help = use a short address such as "https://nchmf.gov.vn/", at most { $limit } characters
config-theme = `{ $theme }` is not a theme folder name
config-theme-help = write the name of a folder under themes/, such as `default`
config-news-page-size = news_page_size must be at least 1
config-news-page-size-help = write how many news items a page lists, for example `news_page_size: 10`
config-image-widths = images.widths must list widths in pixels between 16 and 4096
config-image-widths-help = for example `images: {"{"} widths: [480, 960, 1600] {"}"}`
config-district-language = a district cannot be called `{ $slug }`: that is a language code
config-district-language-help = rename the district file
config-base-url-long = base_url is { $length } characters long: readers type it from posters and leaflets, and its QR code must stay readable
config-base-url-long-help = use a short address, at most { $limit } characters
config-base-url-syntax = base_url `{ $url }` has characters that web servers read as their own syntax
config-base-url-syntax-help = the 404 page's address goes into .htaccess and the nginx snippet: use only letters, digits, `-`, `_`, `.`, `~` and `/` (write other characters as %XX)
config-base-url = base_url `{ $url }` is not a plain web address
config-base-url-help = write https:// and the site's address, with no ?, # or spaces and no `..`, `.` or `//` in its path, for example "https://badinh.example.org/"
config-base-url-not-allowed = base_url `{ $url }` leads to { $host }, which is not one of the campaign's own web addresses in site.yaml's deploy_allowed list
config-base-url-not-allowed-help = posters' and leaflets' QR codes, canonical links and share cards would send readers there: write the district's address on the campaign's own site; if { $host } is right, the city's team adds it to `deploy_allowed:` in content/site.yaml ("https://hanoi.gov.vn/" also allows every address under it, such as "https://ba-dinh.hanoi.gov.vn/")
config-deploy-compress = deploy compression `{ $value }` is not one loa knows
config-deploy-compress-help = write `compress: gzip`, or leave it out to send files as they are
config-deploy-region-help = write the region your storage provider names, for example "ap-southeast-1" or "hn-1"; it becomes part of the service's address
config-deploy-allowed-entry = `{ $entry }` in deploy_allowed is neither a deploy target nor a web address
config-deploy-allowed-entry-help = list deploy targets (s3://bucket/folder/, file:///path/to/web/root/) and the addresses of endpoints and purge webhooks
config-deploy-not-allowed = `{ $value }` is not in site.yaml's deploy_allowed list
config-deploy-not-allowed-link = `{ $value }` leads through a link to `{ $real }`, which is not in site.yaml's deploy_allowed list
config-deploy-not-allowed-help = a district file cannot send the site, or your credentials, anywhere on its own: if `{ $value }` is right, add it to `deploy_allowed:` in content/site.yaml
config-deploy-overlap = district `{ $district }` would publish into the place of district `{ $other }`, or around it
config-deploy-overlap-help = give each district a deploy target of its own, side by side, for example s3://bucket/ba-dinh and s3://bucket/hoan-kiem
config-deploy-target-cloud = deploy target `{ $target }` is not a place loa can publish to: { $reason }
config-deploy-target-cloud-help = write s3://bucket/folder with the bucket's own name (lowercase letters, digits, `-`, `.`) and a folder of letters, digits, `-`, `_` and `.`, for example s3://ward-sites/ba-dinh
config-deploy-target = deploy target `{ $target }` is not a place loa can publish to
config-deploy-target-help = write s3://bucket/folder (S3 and S3-compatible services), gs://bucket/folder, az://container/folder, or file:///path/to/web/root, with no `..`, `//`, `%`, `@` or `\`
config-deploy-target-long = deploy target is { $length } characters long, longer than any place loa publishes to
config-deploy-target-long-help = write the bucket and folder, or the folder, in at most { $limit } characters
config-deploy-endpoint = deploy endpoint { $reason }
config-deploy-endpoint-help = write the service's address with https://, for example "https://s3.example.vn"
config-purge-zone = `{ $zone }` is not a Cloudflare zone id
config-purge-zone-help = copy the Zone ID (32 letters and digits) from the zone's Overview page in Cloudflare
config-purge-webhook = purge webhook { $reason }
config-purge-webhook-help = write the address with https://, for example "https://cdn-hook.example.vn/purge" (the token goes in LOA_PURGE_TOKEN, never in the address)
config-purge-no-base-url = a cache can be purged only of known addresses, and this district has no base_url
config-purge-no-base-url-help = add base_url: the address the district's site is read at
config-color = `{ $value }` is not a colour code
config-color-help = write # and six hexadecimal digits (or three), for example "#005a70"
config-color-contrast = white text on `{ $value }` has a contrast of { $contrast }:1; it needs at least 4.5:1 to be readable
config-color-contrast-help = choose a darker colour, for example "#005a70" (blue-green) or "#b3261e" (red)
config-language = `{ $lang }` is not a language code
config-language-help = use two-letter codes such as vi or en
config-language-twice = `{ $lang }` is listed twice
config-no-languages = the campaign has no languages
config-no-languages-help = write `languages: [vi, en]`: the first is the default language
i18n-missing-text = `{ $key }` has no text in language `{ $lang }`
i18n-missing-text-help = add `{ $lang }: "…"` to `{ $key }`
i18n-unknown-language = `{ $key }` has text in `{ $lang }`, which is not one of the campaign's languages
place-region = region `{ $region }` is not a region name: only lowercase letters, digits and hyphens, at most { $limit }
place-bucket = `{ $bucket }` is not a bucket name: 3 to 63 lowercase letters, digits, `-`, `.` and `_`, not written like an IP address
place-container = `{ $container }` is not an Azure container name: 3 to 63 lowercase letters, digits and single `-`, starting and ending with a letter or digit
place-prefix = `{ $prefix }` is not a folder name loa sends to an object store: only letters, digits, `-`, `_`, `.` and `~` between the `/`
place-endpoint = `{ $endpoint }` is not a plain web address (https://, a host name, a port and a path of letters, digits, `-`, `_`, `.` and `~`; no user, `@`, `%`, `?` or `#`)
config-source-date = SOURCE_DATE_EPOCH is set but is not a number of seconds, so today's date is used
config-source-date-help = unset it, or set it to seconds since 1970, for example SOURCE_DATE_EPOCH=1795910400
config-cover-tracks = cover_tracks names `{ $page }`, which is not a page of the campaign
config-cover-tracks-help = write the page's path inside content/, for example `pages/xoa-dau-vet.md`
config-logo = logo names `{ $file }`, which is not a file in content/
config-logo-help = put the logo file in content/ and write its path, for example `images/logo.svg`
config-share-image = share_image names `{ $file }`, which is not a picture in content/
config-share-image-help = put a JPEG or PNG picture (1200 × 630 pixels is best) in content/ and write its path, for example `images/chia-se.png`

## Pages, links and pictures

page-frame-template = `{ $template }` is part of the theme's frame, not a template for a page
page-frame-template-help = use page.html or section.html, or a template of your own theme made for pages
page-unknown-template = the theme has no template `{ $template }`
page-unknown-template-help = remove `template:`, or add the file to your theme's templates/ folder
link-missing-in-district = the link `{ $link }` goes to a page that { $count ->
    [one] district { $districts } does
   *[other] districts { $districts } do
  } not have
link-missing-in-district-help = link to a page every district has, or move this page into the district's own folder
image-too-wide = the picture `{ $file }` is { $width } pixels wide, but pages never show it wider than { $limit }
image-too-wide-help = loa publishes smaller copies, but the original makes the campaign heavy to copy and slow to build: save it { $limit } pixels wide
image-not-published = the picture `{ $file }` is not published, so the page shows only its description: { $reason }
image-fit-help = make it at most { $width } × { $height } pixels: open it in a picture editor, resize it and save it (pages never show it wider than { $limit } pixels, so { $limit } pixels wide is plenty)
image-export-help = open it in a picture editor or your phone's gallery, export it as JPEG (a photo) or PNG (a drawing), put that file next to the page and link to it instead: ![…](anh.jpg)
image-save-again-help = open it in a picture editor and save it again as JPEG or PNG
image-cannot-read-as = it cannot be read as { $kind }: { $reason }
image-cannot-read = it cannot be read: { $reason }
image-header-too-large = what it says about itself (a colour profile, text) would take more than { $limit } MB of memory to read, which no real picture needs
image-empty = it is { $width } × { $height } pixels: it holds no picture
image-too-many-pixels = it is { $width } × { $height } pixels ({ $megapixels } megapixels), more than the { $limit } megapixels loa reads
image-avif = loa cannot read AVIF pictures, so it cannot remove what they may tell (where and when the photo was taken, with which camera)
image-problem = this picture could not be published without its metadata: { $reason }
image-over-budget = the picture `{ $file }` is still { $size } KB at { $width } pixels wide after processing, over the budget of { $limit } KB
image-over-budget-help = readers pay for every kilobyte: crop it, or choose a calmer picture (fine detail and noise cost the most)
output-same-path-file = this file and { $other } would both be written to `{ $path }` in district `{ $district }`
output-same-path = { $first } and { $other } would both be written to `{ $path }` in district `{ $district }`
output-same-path-help = rename one of them
page-too-deep = lists or quotes here are nested more than { $limit } levels deep
page-too-deep-help = nobody can follow that many levels: split the list, or remove indentation
page-too-deep-html = the HTML here nests elements more than { $limit } levels deep (or leaves them open)
page-too-deep-html-help = close every tag you open (`<div>…</div>`), and write the text in Markdown where you can
page-crowded-html = a tag in the HTML here has more than { $limit } attributes
page-crowded-html-help = give the element only the few attributes it needs, or write it in Markdown
a11y-image-alt = this image has no alt text
a11y-image-alt-help = describe the image inside the brackets: ![what it shows](file.png); a picture that is only decoration is written ![""](file.png)
as-text-spaces-picture = this picture is not shown: its address `{ $address }` has spaces, so the page shows the Markdown as plain text instead
as-text-spaces-link = this link does not work: its address `{ $address }` has spaces, so the page shows the Markdown as plain text instead
as-text-spaces-help = put the address between < and >: `({ $address })` becomes `(<{ $address }>)`, or rename the file `{ $renamed }` and write that
as-text-unclosed-picture = this picture is published as plain text: its `(` is never closed
as-text-unclosed-link = this link is published as plain text: its `(` is never closed
as-text-unclosed-help = end the address with `)` on the same line: [text](address)
as-text-unpaired = `](` here is published as plain text: the brackets around the link do not pair
as-text-unpaired-help = write a link as [text](address), with one `[` and one `]`
as-text-no-definition = this link is published as plain text: the reference `[{ $reference }]` is defined nowhere
as-text-no-definition-help = add a line `[{ $reference }]: address` below the paragraph, or write the address in parentheses: [text](address)
unsafe-html-removed = the HTML in this page had { $removed }, which { $count ->
    [one] was
   *[other] were
  } removed
unsafe-html-removed-help = pages may not run scripts or restyle the site: write it in Markdown instead
unsafe-html-heading = this heading had { $removed }, which { $count ->
    [one] was
   *[other] were
  } removed
unsafe-html-heading-help = a heading may only name its anchor, in letters, digits and hyphens: ## Title {"{"}#anchor{"}"}
link-broken = the link `{ $link }` goes to no page or file, so readers who follow it find nothing
link-broken-help = check the spelling; link to a page with its file, e.g. `../skills/tu-bao-ve.md`, or remove the link
link-draft = the link `{ $link }` goes to a draft, which is not published
link-draft-help = publish the page (remove `draft: true`) or remove the link
link-external-image = the image `{ $link }` comes from another website, so it was left out
link-external-image-help = loading it would tell that website who reads this page: copy the picture into content/ next to the page
link-bad-phone = `{ $link }` is not a Vietnamese phone number, so the link was removed
link-bad-phone-help = write it like tel:111 or tel:02438251234, with the same digits as in the hotline directory
link-unlisted-phone = `{ $link }` is not in the hotline directory
link-unlisted-phone-help = readers will call this number: add it to content/hotlines/ (with `verified:`), so it is checked like the others
link-phone-mismatch = the link shows the number { $shown } but calls { $dialled }: a reader taps the number she reads
link-phone-mismatch-help = write the same number in the text and after tel: (or sms:), or take the number out of the text
link-unsafe = the link `{ $link }` was removed: only web, email and phone links are allowed
link-unsafe-help = link to an https:// address, a page of the campaign, or tel:
drafts-note = { $count ->
    [one] 1 page is a draft and is
   *[other] { $count } pages are drafts and are
  } not published: { $files }; remove `draft: true` to publish
page-duplicate-language = this file and { $other } would both be the `{ $lang }` page at `/{ $path }`
page-duplicate-language-help = remove or rename one of them (a translation is named like `x.en.md`)
page-slug-mismatch = `slug: { $slug }` differs from `slug: { $first }` in { $other }; translations share one address
page-slug-mismatch-help = use the same slug in every language, or remove it from the translation
page-file-slug-reserved-help = set `slug: { $slug }-1` (or another name) in the front matter, or rename the file
page-empty-slug = this file name gives an empty web address
page-empty-slug-help = rename the file with letters or digits, or set `slug:` in the front matter
page-override-slug = this page replaces the shared page at `/{ $path }` for one district, so it keeps that address; `slug: { $slug }` would move it
page-override-slug-help = remove `slug:` from the district's page
page-same-address = { $others } and this file both produce the page `/{ $path }`
page-same-address-help = rename one of the files, or give one a different `slug:`
page-same-address-district = this district page and { $other } both produce the page `/{ $path }` in district `{ $district }`
page-same-address-district-help = rename the file, or give it a different `slug:`
page-slug-reserved = `{ $slug }` cannot be used in a web address: { $reason }
page-slug-reserved-help = write `slug: { $slug }-1` or another name
page-section-slug = a section's web address comes from its folder name, not from `slug`
page-section-slug-help = remove `slug:`, or rename the folder
page-bad-slug = `{ $slug }` cannot be used in a web address
page-bad-slug-letters-help = use lowercase letters without accents, digits and hyphens
page-bad-slug-help = write `slug: { $slug }`
page-too-large = this page is over { $limit } MB, the most a page may be
page-too-large-help = split it into several pages; nobody reads that much on a phone, and it would take minutes to load
page-empty-title = the title is empty
page-empty-title-help = write the page's title after `title:`
page-table-cells = the tables from here on have rows with far fewer cells than their header, and would be filled in with millions of empty cells
page-table-cells-help = give every row of a table as many cells as its header (`| a | b |`), or make the header shorter
page-language-case = the language in the file name, `{ $lang }`, must be written in lowercase
page-language-case-help = rename the file so it ends in `.{ $lang }.md`
page-unknown-language = the file name says the language is `{ $lang }`, which is not one of the campaign's languages
page-unknown-language-help = the languages are { $languages }; rename the file, or add `{ $lang }` to `languages` in content/site.yaml
page-no-name = this file has no name before `.md`
page-no-name-help = rename it, for example `ky-nang.md`
front-matter-empty = the file is empty
front-matter-missing = the file does not start with front matter
front-matter-unclosed = the front matter is never closed
front-matter-unclosed-help = add a line with three dashes `---` after the last front-matter line
front-matter-start-help = start the file with a `---` line, then `title: "…"`, then another `---` line

## Files and names

name-unusable = this name cannot be used for a file
name-backslash = the name contains a backslash `\`, which Windows reads as a folder separator
name-control = the name contains an invisible control character ({ $character })
name-invisible = the name contains an invisible formatting character ({ $character }) that can disguise it
name-forbidden = the name contains `{ $character }`, which Windows and USB sticks do not allow
name-trailing = the name ends in a dot or a space, which Windows removes
name-reserved = `{ $name }` is a name Windows reserves for a device, so the file cannot be copied there
name-too-long = the name is { $length } bytes long (a letter with an accent takes two or three): the site's files made from it would be longer than disks allow; loa takes names of at most { $limit }
name-not-utf8 = this name is not valid text (it is not UTF-8)
name-not-utf8-help = rename it using letters, digits and hyphens
name-rename-help = rename it, for example to `{ $name }`
content-not-utf8 = this file is not UTF-8 text, so its letters cannot be read correctly
content-not-utf8-help = open it in your editor and save it with the encoding "UTF-8"
content-yaml-too-large = this YAML file is over { $limit } MB, the most loa reads
content-yaml-too-large-help = a district's file holds its names, address and its own hotlines, a few kilobytes; put a long list of numbers in several files under content/hotlines/, and remove what is not a hotline
content-control-character = the text contains an invisible control character ({ $character })
content-control-character-help = delete it: retype the text around it, or paste it again as plain text
image-disguised = this file is a { $format } picture named `.{ $extension }`: it would be published as it is, with what a photo may tell (where and when it was taken, with which camera), so it is not published
image-disguised-help = if it is a picture, name it `.{ $extension }` so loa removes what it tells; if it should be a document, export it again from the program that made it
image-disguised-export-help = open it in a picture editor or your phone's gallery, export it as JPEG (a photo) or PNG (a drawing) and link to that file instead
asset-metadata-pdf = this PDF is published as it is, with what it may tell: its author, the computer and program that made it, dates, and the photos inside it with where they were taken
asset-metadata-pdf-help = before adding it, export the PDF again with the author and document properties removed, or run `exiftool -all:all= file.pdf` and then `qpdf --linearize file.pdf clean.pdf` (exiftool alone leaves the old metadata recoverable in a PDF)
asset-metadata-document = this document is published as it is, with what it may tell: its author, who edited it, comments, the computer that made it, and the photos inside it with where they were taken
asset-metadata-document-help = before adding it, remove its personal data (Word: File › Info › Check for Issues › Inspect Document › Remove All; LibreOffice: File › Properties, clear them, and Tools › Options › Security › Remove personal information on saving), or export it as a PDF with the author removed
asset-metadata-recording = this recording is published as it is, with what it may tell: where it was made (phones record their GPS position in videos), when, with which phone, and who made it
asset-metadata-recording-help = before adding it, remove its metadata: `exiftool -all= file` or `ffmpeg -i file -map_metadata -1 -c copy clean-file`
content-symlink-outside = this is a link to a file or folder outside the campaign; it was not read
content-symlink-outside-help = copy the file into content/ instead of linking to it
content-folder-loop = this folder links back to one of its parents, so it was not read
content-link-loop = this link leads back to itself, so it was not read
content-unreadable = could not be read: { $reason }
content-unreadable-help = check that the file exists and that you may read it
content-name-clash = this name differs from { $first } only by upper and lower case (or by how its accents are encoded), so the two are one file on Windows, macOS and USB sticks
content-name-clash-help = rename one of them; lowercase names without accents (`ky-nang.md`) avoid this
content-yaml-unused = this YAML file is not used
content-yaml-unused-district-help = a district's own hotlines go under `hotlines:` in its content/districts/<slug>.yaml
content-yaml-unused-help = hotline data goes in content/hotlines/*.yaml; other YAML files are not used
content-districts-unused = this file in content/districts/ is not used
content-districts-unused-help = district files are `<slug>.yaml`; district pages go in `districts/<slug>/`
content-language-folder = a folder named `{ $lang }` would mix with the addresses of the `{ $lang }` site
content-language-folder-help = translations are not kept in a separate folder: put `ten-trang.{ $lang }.md` next to `ten-trang.md`
content-markdown-name = this page will not be published: loa reads a page only from a file whose name ends in `.md`, in lowercase
content-markdown-name-help = rename the file `{ $name }`, and link to it by that name
content-unsafe-file = a .{ $extension } file can run scripts on the site, so it is not published
content-unsafe-file-help = write a page in Markdown instead; for a picture, use PNG or JPEG; a trusted logo can go in your theme's static/ folder
content-ico = loa does not publish .ico files from content/: an icon file can hold a whole photo, with where it was taken, and loa cannot clean it
content-ico-help = the site's icon comes from the theme (favicon.svg in its static/ folder); for a picture in a page, save it as PNG
content-unpublished = this file is not published
content-unpublished-help = loa publishes pages (.md) and these files next to them: { $extensions }

## Hotlines

hotline-local-pinned = pinned hotline `{ $id }` is district { $district }'s own number, but site.yaml pins it on every district's pages and posters
hotline-local-pinned-help = remove it here and pin it in content/districts/{ $district }.yaml instead: pinned_hotlines: [{ $id }]
hotline-limited-pinned = pinned hotline `{ $id }` is only for { $districts } (its `districts:`), but site.yaml pins it on every district's pages and posters, { $district }'s too
hotline-limited-pinned-help = remove it here and pin it in the files of those districts instead: pinned_hotlines: [{ $id }]
hotline-shelter-address = `{ $id }` is a shelter, but its entry says where it is: `{ $found }`
hotline-shelter-address-help = remove the address, coordinates or map link: a shelter's whereabouts are never published, or the person who hurt someone could find it; readers reach it through its number
hotline-example-pinned = pinned hotline `{ $id }` is example data: it is shown on every page but left off the printed posters
hotline-example-pinned-help = call the real number, write it with `verified:` and remove `example: true`, or pin another entry
hotline-unknown-pinned = pinned hotline `{ $id }` is not in any hotline file
hotline-unknown-pinned-help = use the `id` of an entry in content/hotlines/
hotline-unknown-pinned-district-help = use the `id` of an entry under `hotlines:` in this file
hotline-pinned-elsewhere = pinned hotline `{ $id }` is not in district { $district }'s directory
hotline-pinned-elsewhere-help = a district pins its own numbers: add the entry under `hotlines:` in this file, or pin one that applies to { $district }
hotline-example-pinned-district = pinned hotline `{ $id }` is example data, so it is left off this district's pages, posters and leaflets
hotline-example-pinned-district-help = call the real number, write it with `verified:` and remove `example: true`
hotline-file-list-help = a hotline file is a list: each entry starts with `- id: …` (see the README)
hotline-bad-id = hotline id `{ $id }` is not a slug
hotline-bad-id-help = use lowercase letters, digits and hyphens, such as `{ $slug }`
hotline-duplicate-id = hotline id `{ $id }` is used twice
hotline-duplicate-id-help = it is first used at { $place }; give each entry its own id
hotline-bad-phone = phone `{ $phone }` is not a Vietnamese phone number: { $reason }
hotline-bad-phone-help = write an emergency number (111 to 115), a 1800/1900 service number, a landline with its area code (024 3825 1234) or a mobile (0912 345 678); spaces and dots are fine
hotline-local-districts = an entry in a district file applies to that district only
hotline-local-districts-help = remove `districts:`, or move the entry to a file in content/hotlines/
hotline-example-verified = `{ $id }` is example data but has a `verified` date, so it would look checked to readers
hotline-example-verified-help = remove `verified:`; once someone has called the real number, write its date and remove `example: true`
hotline-example-real-number = `{ $id }` is example data, but `{ $phone }` could be a real number: a reader who taps it may ring a stranger
hotline-example-real-number-help = use a number that cannot connect, such as 024 0000 0101 (a Hanoi landline whose local part starts with 0), until you have the real one
hotline-verified-future = `verified: { $date }` is in the future
hotline-verified-future-help = write the date someone last called the number and reached the service
hotline-stale = `{ $id }` was last verified on { $date }, more than { $days } days ago
hotline-stale-help = call the number, check the details, and update `verified`
hotline-unverified = `{ $id }` has no `verified` date
hotline-unverified-help = call the number, then add `verified: YYYY-MM-DD`
phone-characters = it may contain only digits, spaces, dots, hyphens and brackets (and +84 at the start)
phone-no-digits = it has no digits
phone-emergency = the three-digit emergency numbers are 111 to 115
phone-service = 1800 and 1900 numbers have 8 or 10 digits
phone-landline = a landline has 11 digits with its area code (024 for Hanoi)
phone-mobile-prefix = mobile numbers start with 03, 05, 07, 08 or 09
phone-mobile-length = a mobile number has 10 digits
phone-shape = it does not have the shape of any Vietnamese number

## YAML

yaml-syntax = the YAML cannot be read: { $reason }
yaml-syntax-help = check the indentation (spaces, not tabs), and put text containing `: ` or starting with a special character (such as * & ! {"{"} [ # or a quote) inside quotes
yaml-unclosed-quote = a quote is opened here but never closed
yaml-unclosed-quote-help = close the text with the same quote mark: title: "…"
yaml-tab = a tab character at column { $column }: YAML needs spaces here
yaml-tab-help = replace it with two spaces (and set your editor to put spaces for the Tab key)
yaml-indentation = this line is indented differently from the key above it
yaml-indentation-help = line it up with the other keys of its entry, with spaces: a key that belongs under another starts two spaces further right
yaml-colon-in-text = the text here holds `: `, which YAML reads as the start of another key
yaml-colon-in-text-help = put the whole text in quotes: title: "Gọi ngay: 111"
yaml-second-document = the file has a second `---` line, which starts a second document
yaml-second-document-help = a YAML file holds one document: remove the extra `---` line
yaml-too-deep = the values here are nested more than { $limit } levels deep
yaml-too-deep-help = nothing in a campaign file nests that deep: check the indentation and brackets
yaml-too-many-aliases = the aliases (`*name`) here repeat more than { $limit } values
yaml-too-many-aliases-help = write the values out instead of repeating them with `&name` and `*name`
yaml-control-character-help = delete it: retype the text around it, or write it again in a plain text editor
yaml-duplicate-key = the key `{ $key }` is written twice
yaml-duplicate-key-help = keep one `{ $key }:` line and delete the other
yaml-unknown-key = unknown key `{ $key }`
yaml-unknown-key-close-help = did you mean `{ $key }`? Rename the key.
yaml-unknown-key-none-help = remove this key: nothing is allowed here
yaml-unknown-key-help = remove it, or use one of the keys allowed here: { $keys }
yaml-unknown-value = `{ $value }` is not an allowed value
yaml-unknown-value-for = `{ $value }` is not an allowed value for `{ $key }`
yaml-unknown-value-help = use one of: { $values }
yaml-missing-key = the required key `{ $key }` is missing
yaml-missing-key-help = add a line `{ $key }: …` here
yaml-wrong-type = this value should be { $expected }, but it is { $found }
yaml-wrong-type-key = `{ $key }` should be { $expected }, but it is { $found }
yaml-wrong-type-help = check the value's form against the examples in the README
yaml-invalid = { $reason }
yaml-no-details = this value takes no details
yaml-not-a-date = `{ $text }` is not a date; write it as year-month-day, for example 2026-10-01
yaml-kind-map = a set of `key: value` lines
yaml-kind-map-such-as = a set of `key: value` lines (such as { $keys })
yaml-kind-list = a list
yaml-kind-text = text
yaml-kind-boolean = true or false (without quotes)
yaml-kind-integer = a whole number
yaml-kind-unsigned = a whole number of 0 or more
yaml-kind-number = a number
yaml-kind-nothing = nothing
yaml-kind-word = one of the allowed words
yaml-kind-value = a value
yaml-kind-other = { $what }
yaml-kind-empty = empty
yaml-kind-the-number = the number { $number }
yaml-kind-too-large = a number too large
yaml-kind-the-text = the text { $text }
yaml-kind-key = a plain word before the colon

## Checks of the campaign and of the built pages

i18n-untranslated-setting = `{ $key }` is the same in `{ $lang }` as in `{ $default }`, so readers of `{ $lang }` see it untranslated
i18n-untranslated-setting-help = write the `{ $lang }` text of `{ $key }` in content/site.yaml: { $key }: {"{"} { $default }: "…", { $lang }: "…" {"}"}
a11y-decorative-markdown-help = if the picture is only decoration, write ![""](file.png) to give it alt=""; if it shows something, describe that inside the brackets
a11y-decorative-html-help = give a decorative <img> an empty alt="" (and no role or aria-hidden); if it shows something, describe that in alt="…" and remove the decoration mark
a11y-decorative-alt = the image's alt text “{ $alt }” will be read aloud: a decorative image takes an empty alt
a11y-decorative-marked = the image is marked as decoration but has the alt text “{ $alt }”
news-no-date = this news item has no `date`, so it is left out of the news feeds and the yearly archive
news-no-date-help = add the day it was published below the title, as year-month-day: `date: 2025-03-08`
page-future-date = this page is dated { $date }, more than { $days } days after today ({ $today }): it would stay at the top of the news lists and feeds until then
page-future-date-help = write the day it is published, as year-month-day: `date: 2025-03-08`; to publish it later, add it later
page-long-description = this page's description is { $length } characters long; lists, search engines and news feeds show at most { $limit }
page-long-description-help = say in one or two sentences what the page is about; the rest belongs in the page itself
print-no-base-url = district `{ $district }` has no `base_url`, so it gets no printable poster: its QR code would have no address to lead to
print-no-base-url-help = add `base_url: "https://…/"` with the address where this district's site is published
a11y-empty-link-markdown = the link to `{ $link }` has no text
a11y-empty-link-markdown-help = write what the link leads to inside the brackets: [Gọi 111](tel:111)
a11y-vague-link = the link text “{ $text }” does not say where it goes
a11y-vague-link-help = people using screen readers hear link texts alone: name the page, e.g. [Cách gọi 111](…)
a11y-heading-order = the heading “{ $heading }” skips a level after { $previous }
a11y-heading-order-help = make each heading at most one level below the one before it: ## then ###
a11y-heading-page-title = the page title
a11y-heading-quoted = “{ $text }”
page-empty = this page has a title but no text
page-empty-help = write the page, or mark it `draft: true` until it is ready
page-no-section = the folder `{ $folder }` has no _index.md, so its pages are in no list or menu
page-no-section-help = add content/{ $folder }/_index.md with a `title:` (and a line or two about the section)
page-duplicate-title = { $other } in the same section has the same title “{ $title }”
page-duplicate-title-help = give each page a title that tells them apart
page-example = this page is example content: its local details have not been checked
page-example-help = check every local detail with the people named, correct the text, then remove `example: true`
page-shelter-address = this page is about a shelter, but it says where one is: `{ $found }`
page-shelter-address-help = remove the address, coordinates or map link: a shelter's whereabouts are never published, or the person who hurt someone could find it; send readers to a phone number or a trusted contact instead
hotline-example = `{ $id }` ({ $phone }) is example data, not a checked number
hotline-example-help = call the number, correct the entry, set `verified:` to today and remove `example: true`
i18n-translation-draft = the `{ $lang }` version of this page is a draft, so readers of that language see it in `{ $default }`
i18n-translation-draft-help = when the translation is ready, remove `draft: true` to publish it
i18n-missing-translation = this page has no `{ $lang }` version yet; readers of that language see it in `{ $default }`
i18n-missing-translation-help = translate it into a file named like `{ $file }`
i18n-partial-override = this page replaces the shared one in district `{ $district }`, but not in `{ $lang }`: readers of `{ $lang }` there see the shared page
i18n-partial-override-help = add `{ $file }` next to it
a11y-h1-content = a level-1 heading is written in this page's HTML, but the page title is the page's only one
a11y-h1-content-help = write <h2> (or ## in Markdown): the headings of the text start at level 2
a11y-h1-template = the template gives its pages { $count } level-1 headings instead of one (e.g. /{ $page })
a11y-h1-template-help = the page title is the only level-1 heading: one <h1>{"{{"} page.title {"}}"}</h1> in the template
a11y-page-title = the template gives its pages no <title> (e.g. /{ $page })
a11y-page-title-help = the template must fill <title>, e.g. with {"{{"} page.title {"}}"}
a11y-page-lang = the template does not say its pages' language (e.g. /{ $page })
a11y-page-lang-help = the template's <html> needs lang="{"{{"} lang {"}}"}"
a11y-duplicate-id = the id `{ $id }` is used twice on the page /{ $page }
a11y-duplicate-id-content-help = a heading's id comes from its text; give it another with {"{"}#other-id{"}"} after the heading, or change the id in the HTML
a11y-duplicate-id-template-help = give each element of the template its own id
a11y-image-no-alt = the image `{ $image }` has no alt attribute
a11y-image-no-alt-help = describe it with alt="…"; a purely decorative image takes alt="" on purpose
a11y-table-header = a table has no header cells
a11y-table-header-help = give the table a header row: <th> cells (in Markdown, the first row above |---|)
a11y-empty-link = a link to `{ $link }` on /{ $page } has no text
a11y-empty-link-help = give the link visible text, or an aria-label
a11y-empty-button = a button on /{ $page } has no text
a11y-empty-button-help = give the button visible text, or an aria-label
link-broken-output = a link of the template goes to `{ $target }`, which is not in the site (e.g. `{ $link }` on /{ $page } in district { $district })
link-broken-output-portal = a link of the template goes to `{ $target }`, which is not in the sites built (`{ $link }` on the city portal, public/index.html)
link-anchor = the link `{ $link }` goes to `#{ $anchor }`, which is not on /{ $page }
link-anchor-help = link to a heading's id: its text in lowercase without accents, with hyphens
a11y-other-language = “{ $phrase }” looks like another language, but is not marked as such
a11y-other-language-help = so screen readers pronounce it right, write it as `<span lang="{ $lang }">{ $phrase }</span>`

## Theme, templates, print and preview

template-error = the template engine says: “{ $reason }”
template-error-during = the template engine says: “{ $reason }” (while rendering { $page })
template-error-help = fix the template; if you did not change templates, report this to the theme's maintainers
template-error-more-pages = { $message } — and { $count } more { $count ->
    [one] page
   *[other] pages
  }
theme-missing = the theme `{ $theme }` has no folder themes/{ $theme }/
theme-missing-help = create the folder, or write `theme: default` in content/site.yaml
theme-picture = this picture would be published as it is, with what it says about itself (the place it was taken, the camera, the author)
theme-picture-help = put pictures in content/, where loa publishes them made safe (`logo: images/logo.png` in site.yaml), or use an SVG drawing
theme-external-request = every reader's browser would load `{ $address }` from another website, telling it who reads this campaign and when
theme-external-request-help = copy the file into the theme's static/ folder and link it from there, or remove it
theme-symlink-outside = this is a link to a file outside the theme; it was not read
theme-symlink-outside-help = copy the file into the theme folder instead of linking to it
i18n-missing-file = there are no interface strings for `{ $lang }`
i18n-missing-file-help = copy themes/default/i18n/en.yaml from loa's source to { $file } and translate it
i18n-missing-key-all = this template uses the interface string `t.{ $key }`, which no language has
i18n-missing-key-all-help = check its spelling, or add `{ $key }: "…"` to { $file } for every language
i18n-missing-key = the interface string `{ $key }` is missing for `{ $lang }`
i18n-missing-key-help = add a line `{ $key }: "…"` to this file
i18n-missing-key-example-help = add a line `{ $key }: "…"` to this file (in another language: "{ $text }")
print-leaflet-empty = district `{ $district }` has a `base_url` but no page is marked for its leaflet in { $languages }, so it gets no leaflet there
print-leaflet-empty-help = add `leaflet: 1` to the front matter of the page to print first (the signs of violence, what a neighbour can do), `leaflet: 2` to the next
print-leaflet-sections = `leaflet_sections` says how much of the page goes on the leaflet, but the page is not marked `leaflet:`
print-leaflet-sections-help = add `leaflet: N` (its place on the leaflet), or remove `leaflet_sections`
print-leaflet-too-long = this page does not fit on the leaflet in `{ $lang }`: it takes about { $lines } lines and { $room } are left (of { $inside } inside and { $back } on the back), so it is left off
print-leaflet-too-long-translation = this page does not fit on the leaflet in `{ $lang }` (its text in `{ $lang }` is { $file }): it takes about { $lines } lines and { $room } are left (of { $inside } inside and { $back } on the back), so it is left off
print-leaflet-too-long-help = print only its first sections with `leaflet_sections: N`, shorten it, or give its place to a shorter page
print-numbers-left-off-poster = the poster of district `{ $district }` in `{ $lang }` has room for { $shown } of its { $total } pinned numbers: { $numbers } are left off it
print-numbers-left-off-leaflet = the leaflet's cover for district `{ $district }` in `{ $lang }` has room for { $shown } of its { $total } pinned numbers: { $numbers } are left off it
print-numbers-left-off-help = pin fewer numbers (`pinned_hotlines:`), or shorten their names and descriptions; every number stays on the site's hotline page
serve-unreadable = { $reason }
serve-folder-missing = the folder { $folder }/ is missing: it was moved, renamed or deleted while loa serve was running
serve-themes-missing-help = put themes/ back and the preview carries on by itself; to use the built-in theme instead, restart loa serve
serve-content-missing-help = put content/ back and the preview carries on by itself
a11y-image-no-alt-template-help = give the template's <img> an alt="…" (alt="" for decoration)
a11y-table-header-template-help = give the template's table <th> header cells
link-broken-output-help = check the paths in the theme's templates (write {"{{"} root {"}}"}{"{{"} … {"}}"})
district-unknown = there is no district `{ $slug }` (no content/districts/{ $slug }.yaml)
district-folder-help = a folder content/districts/{ $slug }/ needs a file content/districts/{ $slug }.yaml
output-what-hotline-export = the hotline export
output-what-news-list = the news list
output-what-news-feed = the news feed
output-what-search-index = the search index
output-what-a-z = the A–Z list of pages
output-what-sitemap = the sitemap
output-what-404 = the 404 page
output-what-poster = the poster
output-what-leaflet = the leaflet
output-what-host-headers = the host headers
output-what-page = the page /{ $path }
output-what-built-in = { $file } (built into loa)
template-page-in = { $page } (district { $district }, language { $lang })
template-of-district = { $template } of district { $district }
template-city-portal = the city portal (public/index.html)
