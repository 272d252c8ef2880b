//! Starting `tauri-driver` and the app, waiting on conditions (never on the clock), axe checks
//! and failure screenshots.

use std::net::{Ipv4Addr, SocketAddrV4, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

/// How long a condition may take before the journey fails. Generous: a cold WebKit start on a
/// loaded 2-core CI machine takes a few seconds.
const PATIENCE: Duration = Duration::from_secs(30);

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp` for integration tests.
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target dir").to_owned()
}

/// The desktop app binary (override with SHORTLIST_APP_BIN).
pub fn app_binary() -> PathBuf {
    std::env::var_os("SHORTLIST_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/shortlist-desktop"))
}

/// The CLI binary, for preparing data folders.
pub fn cli_binary() -> PathBuf {
    std::env::var_os("SHORTLIST_CLI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/shortlist"))
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}

/// A running `tauri-driver` (which starts WebKitWebDriver itself). Killed on drop.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub async fn start() -> Result<Driver> {
        Driver::start_with_env(&[]).await
    }

    /// Starts the driver with more environment variables, which the apps it launches inherit.
    pub async fn start_with_env(vars: &[(&str, &str)]) -> Result<Driver> {
        let (port, native_port) = (free_port()?, free_port()?);
        let mut child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(vars.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            // Its own process group, so that WebKitWebDriver (its child) goes with it on drop.
            .process_group(0)
            .spawn()
            .context("could not start tauri-driver: install it with `cargo install tauri-driver --locked --version '^2'` (scripts/test.sh does)")?;
        let deadline = Instant::now() + PATIENCE;
        // Wait until the driver accepts connections: a condition, not a fixed sleep.
        loop {
            if tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port)).await.is_ok() {
                break;
            }
            if let Some(status) = child.try_wait()? {
                bail!("tauri-driver exited early with {status}");
            }
            ensure!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port} within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(Driver { child, port })
    }

    /// Starts the app on `data_dir` as someone who has already told it who they are (Ffion
    /// Hughes, secretariat, unless the folder says otherwise), and connects to its webview.
    pub async fn launch(&self, data_dir: &Path) -> Result<App> {
        known_user(data_dir)?;
        self.launch_with(data_dir, &[]).await
    }

    /// Starts the app on `data_dir` as it first starts for a new user: on the page that asks
    /// who they are.
    pub async fn launch_first_run(&self, data_dir: &Path) -> Result<App> {
        self.launch_with(data_dir, &[]).await
    }

    /// Starts the app on `data_dir` with more arguments (a file to open), and connects to it.
    pub async fn launch_with(&self, data_dir: &Path, args: &[&Path]) -> Result<App> {
        let binary = app_binary();
        ensure!(
            binary.exists(),
            "the app is not built at {}: run scripts/test.sh, which builds it",
            binary.display()
        );
        let mut all_args = vec![Path::new("--data-dir"), data_dir];
        all_args.extend_from_slice(args);
        let caps = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": binary,
                "args": all_args,
            }
        });
        let serde_json::Value::Object(caps) = caps else { unreachable!("a JSON object literal") };
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .context("could not open a WebDriver session on the app")?;
        Ok(App { client })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // tauri-driver does not stop WebKitWebDriver when it is killed; end the whole group.
        if let Some(pid) = self.child.id() {
            let _ = std::process::Command::new("kill").args(["-TERM", "--", &format!("-{pid}")]).status();
        }
        let _ = self.child.start_kill();
    }
}

/// Tells the data folder who is using it, as the first-run page would, unless it knows already.
/// A folder the CLI cannot open (a journey about a damaged database) is left for the app to
/// explain.
fn known_user(data_dir: &Path) -> Result<()> {
    let settings =
        std::process::Command::new(cli_binary()).arg("--data-dir").arg(data_dir).arg("settings").output()?;
    if !settings.status.success() || !String::from_utf8_lossy(&settings.stdout).contains("not confirmed") {
        return Ok(());
    }
    let saved = std::process::Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(["settings", "--name", "Ffion Hughes", "--role", "secretariat"])
        .output()?;
    ensure!(saved.status.success(), "could not set the user: {}", String::from_utf8_lossy(&saved.stderr));
    Ok(())
}

/// One running app window.
pub struct App {
    pub client: Client,
}

impl App {
    /// Waits for an element to appear.
    pub async fn find(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no element matching `{css}` appeared"))
    }

    /// Waits until the element's text contains `expected`, then returns the text.
    pub async fn text_contains(&self, css: &str, expected: &str) -> Result<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(expected) {
                        return Ok(text);
                    }
                    if Instant::now() > deadline {
                        bail!("`{css}` reads {text:?}, which does not contain {expected:?}");
                    }
                }
            }
            ensure!(Instant::now() < deadline, "`{css}` never appeared while waiting for {expected:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Scrolls an element to the middle of its scrolling area, as a person scrolls to what they
    /// are about to use: WebKitWebDriver refuses to act on an element it judges hidden.
    pub async fn scroll_to(&self, el: &Element) -> Result<()> {
        let arg = serde_json::to_value(el)?;
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", vec![arg])
            .await?;
        Ok(())
    }

    /// Finds an element, scrolls it into view and clicks it.
    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.find(css).await?;
        self.scroll_to(&el).await?;
        el.click().await.with_context(|| format!("could not click `{css}`"))?;
        Ok(())
    }

    /// Clears a field and types into it.
    pub async fn fill(&self, css: &str, value: &str) -> Result<()> {
        let el = self.find(css).await?;
        self.scroll_to(&el).await?;
        el.clear().await.with_context(|| format!("could not clear `{css}`"))?;
        el.send_keys(value).await.with_context(|| format!("could not type into `{css}`"))?;
        Ok(())
    }

    /// Clicks the button whose text is exactly `label`.
    pub async fn press(&self, label: &str) -> Result<()> {
        let xpath = format!("//button[normalize-space(.)='{label}'] | //a[normalize-space(.)='{label}']");
        let el = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::XPath(&xpath))
            .await
            .with_context(|| format!("no button or link labelled {label:?}"))?;
        self.scroll_to(&el).await?;
        el.click().await.with_context(|| format!("could not click {label:?}"))?;
        Ok(())
    }

    /// Runs axe-core in the page and fails on any serious or critical violation.
    pub async fn assert_accessible(&self, screen: &str) -> Result<()> {
        let axe_path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path)
            .with_context(|| format!("axe-core is missing at {}: run `npm ci` in ui/", axe_path.display()))?;
        self.client.execute(&format!("{axe}\n;return typeof window.axe;"), vec![]).await?;
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.axe.run(document, { resultTypes: ["violations"] })
                     .then(r => done(r.violations
                        .filter(v => v.impact === "serious" || v.impact === "critical")
                        .map(v => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)))
                     .catch(e => done([`axe failed: ${e}`]));"#,
                vec![],
            )
            .await?;
        let violations: Vec<String> = serde_json::from_value(result)?;
        // SHORTLIST_E2E_SCREENSHOTS=DIR keeps a picture of every screen checked, to look at.
        if let Some(dir) = std::env::var_os("SHORTLIST_E2E_SCREENSHOTS") {
            std::fs::create_dir_all(&dir)?;
            let png = self.client.screenshot().await?;
            std::fs::write(Path::new(&dir).join(format!("{}.png", screen.replace([' ', ','], "-"))), png)?;
        }
        ensure!(
            violations.is_empty(),
            "accessibility problems on the {screen} screen:\n  {}",
            violations.join("\n  ")
        );
        Ok(())
    }

    /// Saves a screenshot of the window for a failed journey and returns where.
    pub async fn screenshot(&self, name: &str) -> Option<PathBuf> {
        let dir = target_dir().join("e2e-failures");
        let png = self.client.screenshot().await.ok()?;
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).ok()?;
        Some(path)
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }
}

/// Runs a journey step list against `app`; on failure, keeps a screenshot and reports it.
pub async fn or_screenshot<T>(app: &App, name: &str, result: Result<T>) -> Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            let shot = app.screenshot(name).await;
            Err(e.context(match shot {
                Some(p) => format!("journey `{name}` failed; screenshot: {}", p.display()),
                None => format!("journey `{name}` failed; no screenshot could be taken"),
            }))
        }
    }
}
