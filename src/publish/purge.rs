//! Emptying a CDN's cache of the addresses a deploy changed (`purge:`
//! under `deploy:` in a district file), so a corrected hotline number
//! reaches readers even where the CDN keeps pages longer than the origin
//! asks. Two ways: Cloudflare's purge-by-URL API (zone id in the district
//! file, token in `CLOUDFLARE_API_TOKEN`), and a webhook of the ward's own
//! that receives the addresses as JSON (for any other CDN). Credentials
//! come from the environment only; a missing one is an error before
//! anything is built or sent.

use std::time::Duration;

use serde::Serialize;

use crate::publish::Env;
use crate::read::config::Purge;
use crate::read::target::Endpoint;

/// Cloudflare's API, unless `LOA_CLOUDFLARE_API` names another address
/// (a test server).
pub const CLOUDFLARE_API: &str = "https://api.cloudflare.com/client/v4";

/// Addresses in one Cloudflare purge request (the limit of every plan but
/// Enterprise).
const CLOUDFLARE_BATCH: usize = 30;

/// Tries of one purge request: a CDN's API answering 5xx or not at all is
/// tried again after a pause.
const TRIES: u32 = 3;

/// How much of a CDN's answer is read.
const ANSWER_LIMIT: usize = 64 * 1024;

/// The start of a remote answer, fit for a terminal: at most 300
/// characters, control characters (escape sequences) shown as `\u{1b}`.
fn shown(answer: &[u8]) -> String {
    let start: String = String::from_utf8_lossy(answer).chars().take(300).collect();
    crate::error::printable(&start, false)
}

/// The caches of one district, ready to purge.
pub struct Purger {
    client: reqwest::Client,
    cloudflare: Option<Cloudflare>,
    webhook: Option<Webhook>,
}

struct Cloudflare {
    api: String,
    zone: String,
    token: String,
}

struct Webhook {
    url: Endpoint,
    token: Option<String>,
}

/// What the webhook receives.
#[derive(Serialize)]
struct HookBody<'a> {
    district: &'a str,
    urls: &'a [String],
}

/// Cloudflare's request body.
#[derive(Serialize)]
struct PurgeFiles<'a> {
    files: &'a [String],
}

impl Purger {
    /// The caches `purge` names, with their credentials from `env`; `None`
    /// when it names none. A missing credential is an error here.
    pub fn open(purge: &Purge, env: Env<'_>) -> Result<Option<Purger>, String> {
        if !purge.any() {
            return Ok(None);
        }
        let cloudflare = match &purge.cloudflare {
            Some(zone) => Some(Cloudflare {
                api: env("LOA_CLOUDFLARE_API").unwrap_or_else(|| CLOUDFLARE_API.into()),
                zone: zone.clone(),
                token: env("CLOUDFLARE_API_TOKEN")
                    .ok_or_else(|| crate::msg!("publish-no-cloudflare").text())?,
            }),
            None => None,
        };
        let webhook = purge.webhook.as_ref().map(|url| Webhook {
            url: url.value.clone(),
            token: env("LOA_PURGE_TOKEN"),
        });
        crate::publish::install_tls();
        // No redirect is followed: the addresses and the token go only to
        // the address site.yaml allows.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| crate::msg!("publish-http-client", reason = e.to_string()).text())?;
        Ok(Some(Purger {
            client,
            cloudflare,
            webhook,
        }))
    }

    /// Empties every named cache of `urls` (of the district `district`).
    pub async fn purge(&self, district: &str, urls: &[String]) -> Result<(), String> {
        if urls.is_empty() {
            return Ok(());
        }
        if let Some(cf) = &self.cloudflare {
            let url = format!(
                "{}/zones/{}/purge_cache",
                cf.api.trim_end_matches('/'),
                cf.zone
            );
            for batch in urls.chunks(CLOUDFLARE_BATCH) {
                let body = serde_json::to_vec(&PurgeFiles { files: batch })
                    .expect("a list of strings serialises");
                let answer = self.post(&url, Some(&cf.token), body).await?;
                let ok = serde_json::from_slice::<serde_json::Value>(&answer)
                    .ok()
                    .filter(|v| v["success"] == serde_json::Value::Bool(true));
                if ok.is_none() {
                    return Err(crate::msg!("purge-refused", answer = shown(&answer)).text());
                }
            }
        }
        if let Some(hook) = &self.webhook {
            let body = serde_json::to_vec(&HookBody { district, urls })
                .expect("a list of strings serialises");
            self.post(hook.url.as_str(), hook.token.as_deref(), body)
                .await?;
        }
        Ok(())
    }

    /// POSTs JSON; a 5xx answer or no answer is tried again. Returns the
    /// body of a 2xx answer.
    async fn post(&self, url: &str, token: Option<&str>, body: Vec<u8>) -> Result<Vec<u8>, String> {
        let mut last = String::new();
        for attempt in 0..TRIES {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(500 << attempt)).await;
            }
            let mut request = self
                .client
                .post(url)
                .header("Content-Type", "application/json")
                .body(body.clone());
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            match request.send().await {
                Ok(mut answer) => {
                    let status = answer.status();
                    // What the server says is read up to a limit: an answer
                    // that never ends cannot fill the memory.
                    let mut text = Vec::new();
                    while let Ok(Some(chunk)) = answer.chunk().await {
                        text.extend_from_slice(&chunk);
                        if text.len() > ANSWER_LIMIT {
                            break;
                        }
                    }
                    if status.is_success() {
                        return Ok(text);
                    }
                    last = crate::msg!(
                        "purge-answered",
                        url = url,
                        status = status.to_string(),
                        answer = shown(&text)
                    )
                    .text();
                    if !status.is_server_error() {
                        break;
                    }
                }
                Err(e) => {
                    last = crate::msg!("purge-no-answer", url = url, reason = e.to_string()).text();
                }
            }
        }
        Err(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_answer_cannot_write_escape_sequences_to_the_terminal() {
        let hostile = b"\x1b]0;owned\x07\x1b[2Jbad\r\ntoken\x00 refused";
        assert_eq!(
            shown(hostile),
            "\\u{1b}]0;owned\\u{7}\\u{1b}[2Jbad\\u{d}\\u{a}token\\u{0} refused"
        );
        assert_eq!(shown("x".repeat(1000).as_bytes()).len(), 300);
    }
}
