//! Start-up and memory of the desktop app (issue #13): for each WebKit setting, the time from
//! launch to the register drawn (median of 5 starts) and the proportional set size of the app
//! and its WebKit processes 5 s after that. A benchmark: it prints numbers and never fails on
//! them.
//!
//! ```sh
//! cargo build --release -p shortlist-desktop -p shortlist-cli   # or scripts/package.sh
//! SHORTLIST_APP_BIN=target/release/shortlist-desktop SHORTLIST_CLI_BIN=target/release/shortlist \
//!   dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p shortlist-e2e --bench startup
//! ```
//!
//! "Launch" is the app process's start as the kernel records it (`/proc/PID/stat`, 10 ms steps);
//! "drawn" is the register's `shortlist:register-drawn` performance mark, set in the frame after
//! its rows are in the page. PSS (`Pss` in `/proc/PID/smaps_rollup`) shares each library page
//! between the processes that map it, so the sum is what the app really costs; RSS would count
//! WebKit's libraries once per process.

#[path = "harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

use harness::{app_binary, cli_binary, Driver};

const STARTS: usize = 5;
const SETTLE: Duration = Duration::from_secs(5);

fn main() -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    println!("app: {}", app_binary().display());
    let variants: [(&str, &[(&str, &str)]); 3] = [
        ("WebKit's defaults", &[("SHORTLIST_WEBKIT_DEFAULTS", "1")]),
        (
            "WebKit's defaults, WEBKIT_DISABLE_COMPOSITING_MODE=1",
            &[("SHORTLIST_WEBKIT_DEFAULTS", "1"), ("WEBKIT_DISABLE_COMPOSITING_MODE", "1")],
        ),
        ("Shortlist's settings (document-viewer cache, no GPU compositing)", &[]),
    ];
    for (name, vars) in variants {
        let mut drawn = Vec::new();
        let mut pss = Vec::new();
        let mut last = Vec::new();
        for _ in 0..STARTS {
            let (ms, processes) = runtime.block_on(one_start(vars))?;
            drawn.push(ms);
            pss.push(processes.iter().map(|p| p.1).sum::<u64>());
            last = processes;
        }
        println!("{name}:");
        println!("  launch → register drawn: median {:.0} ms (each: {drawn:.0?})", median(&mut drawn));
        let mut pss_mb: Vec<f64> = pss.iter().map(|kb| *kb as f64 / 1024.0).collect();
        println!("  PSS {SETTLE:?} later: median {:.0} MB (each: {pss_mb:.0?})", median(&mut pss_mb));
        for (process, kb) in &last {
            println!("    {process}: {:.0} MB", *kb as f64 / 1024.0);
        }
    }
    Ok(())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One start on a fresh copy of the demo challenge: (ms to drawn, [(process, PSS kB)]).
async fn one_start(vars: &[(&str, &str)]) -> Result<(f64, Vec<(String, u64)>)> {
    let data = tempfile::tempdir()?;
    let demo =
        std::process::Command::new(cli_binary()).arg("--data-dir").arg(data.path()).arg("demo").output()?;
    ensure!(demo.status.success(), "the demo could not be made: {}", String::from_utf8_lossy(&demo.stderr));
    let driver = Driver::start_with_env(vars).await?;
    let app = driver.launch(data.path()).await?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let (drawn_at, page_at, loaded_at): (f64, f64, f64) = loop {
        let mark = app
            .client
            .execute(
                "const m = performance.getEntriesByName('shortlist:register-drawn')[0];\
                 const n = performance.getEntriesByType('navigation')[0];\
                 return m ? [performance.timeOrigin + m.startTime, performance.timeOrigin,\
                             performance.timeOrigin + (n ? n.domContentLoadedEventEnd : 0)] : null;",
                vec![],
            )
            .await?;
        if let Some([drawn, page, loaded]) = mark
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_f64()).collect::<Vec<_>>())
            .as_deref()
            .and_then(|a| <[f64; 3]>::try_from(a).ok())
        {
            break (drawn, page, loaded);
        }
        ensure!(Instant::now() < deadline, "the register was never drawn");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let pid = app_pid(data.path())?;
    let launched_at = process_start_epoch_ms(pid)?;
    tokio::time::sleep(SETTLE).await;
    let mut processes = vec![(format!("app ({pid})"), pss_kb(pid)?)];
    for child in descendants(pid)? {
        let name =
            std::fs::read_to_string(format!("/proc/{child}/comm")).unwrap_or_default().trim().to_owned();
        processes.push((format!("{name} ({child})"), pss_kb(child).unwrap_or(0)));
    }
    app.close().await?;
    println!(
        "    (launch → page starts loading {:.0} ms, → DOM ready {:.0} ms, → register drawn {:.0} ms)",
        page_at - launched_at,
        loaded_at - launched_at,
        drawn_at - launched_at
    );
    Ok((drawn_at - launched_at, processes))
}

/// The app process running on `data_dir`.
fn app_pid(data_dir: &Path) -> Result<u32> {
    let exe = std::fs::canonicalize(app_binary())?;
    for entry in std::fs::read_dir("/proc")? {
        let Ok(pid) = entry?.file_name().to_string_lossy().parse::<u32>() else { continue };
        let same_exe = std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| e == exe);
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if same_exe && String::from_utf8_lossy(&cmdline).contains(&*data_dir.to_string_lossy()) {
            return Ok(pid);
        }
    }
    bail!("no app process on {}", data_dir.display())
}

/// When the process started, in ms since the epoch: boot time plus its start in clock ticks.
fn process_start_epoch_ms(pid: u32) -> Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name (which may hold spaces), from field 3 on; starttime is 22.
    let after = stat.rsplit_once(") ").context("a /proc stat line")?.1;
    let ticks: f64 = after.split_whitespace().nth(19).context("starttime")?.parse()?;
    let btime: f64 = std::fs::read_to_string("/proc/stat")?
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .context("btime")?
        .trim()
        .parse()?;
    let hz: f64 = String::from_utf8(std::process::Command::new("getconf").arg("CLK_TCK").output()?.stdout)?
        .trim()
        .parse()?;
    Ok((btime + ticks / hz) * 1000.0)
}

fn descendants(pid: u32) -> Result<Vec<u32>> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc")? {
        let Ok(child) = entry?.file_name().to_string_lossy().parse::<u32>() else { continue };
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) {
            if let Some(ppid) =
                stat.rsplit_once(") ").and_then(|(_, a)| a.split_whitespace().nth(1)?.parse().ok())
            {
                parents.push((child, ppid));
            }
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(c, _)| *c));
        i += 1;
    }
    Ok(found.split_off(1))
}

fn pss_kb(pid: u32) -> Result<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no Pss line")
}
