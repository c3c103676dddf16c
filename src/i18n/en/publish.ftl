## loa deploy and the desk's publish: why a target cannot be reached or
## written. A library's own words come as `reason`, quoted.

publish-no-aws = no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE picks one)
publish-no-google = no Google Cloud credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or run `gcloud auth application-default login`
publish-no-azure-account = no Azure storage account: set AZURE_STORAGE_ACCOUNT_NAME and AZURE_STORAGE_ACCOUNT_KEY (or AZURE_STORAGE_SAS_KEY)
publish-no-azure-key = no Azure credentials: set AZURE_STORAGE_ACCOUNT_KEY or AZURE_STORAGE_SAS_KEY
publish-no-cloudflare = no Cloudflare token to purge the cache: set CLOUDFLARE_API_TOKEN to an API token with the `Zone · Cache Purge` permission
publish-store-settings = the settings of { $target } cannot be used: “{ $reason }”; check its `deploy:` lines
publish-http-client = cannot make an HTTP client: “{ $reason }”
publish-host-refused = a request to { $host } was refused: this target sends only to { $allowed }
publish-leftovers = cannot remove what an earlier deploy left at { $target }: “{ $reason }”
publish-foreign = { $count ->
    [one] { $count } file at { $target } was not put there by loa, and this deploy would replace it: { $files }. Nothing was sent. Move it away (loa never replaces or deletes a file it did not put there), or run the same command with --adopt to let loa replace it now and delete it when the site no longer has it
   *[other] { $count } files at { $target } were not put there by loa, and this deploy would replace them: { $files }. Nothing was sent. Move them away (loa never replaces or deletes a file it did not put there), or run the same command with --adopt to let loa replace them now and delete them when the site no longer has them
}
publish-foreign-more = { $shown } and { $more } more
publish-looking = cannot find out whether { $path } is at { $target }: “{ $reason }”
publish-listing = cannot list the files at { $target }: “{ $reason }”
publish-deleting = cannot delete { $path } at { $target }: “{ $reason }”
publish-reading = cannot read { $path }: “{ $reason }”
publish-sending = cannot send { $path } to { $target }: “{ $reason }”
publish-manifest-reading = cannot read { $file } at { $target }: “{ $reason }”
publish-manifest-writing = cannot write { $file } at { $target }: “{ $reason }”
publish-manifest-foreign = { $file } at { $target } is not loa's (“{ $reason }”); remove it, or publish to another folder
publish-outside = `{ $path }` is not a path inside the target
publish-link-inside = `{ $path }` in the target is a link that leads to another place, so loa writes nothing through it: someone with access to the web root could send the site's files anywhere that way; replace the link with a real folder
purge-refused = Cloudflare refused the purge: “{ $answer }”
purge-answered = { $url } answered { $status }: “{ $answer }”
purge-no-answer = { $url } did not answer: “{ $reason }”
