//! Installs and finds the tools the build and tests need, at pinned
//! versions, from the registries this project may reach (crates.io, npm,
//! Debian). A tool already there at the right version is reused.

use std::path::PathBuf;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal `wasm-bindgen` in Cargo.lock (pinned with `=` in Cargo.toml).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const BINARYEN_VERSION: &str = "132.0.0";

/// Where npm-installed tools live, outside the checkout so clones share them.
pub fn tools_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp"));
    home.join(".cache/dateline-tools")
}

/// The folder holding `wasm-opt`, to put first on PATH.
pub fn binaryen_bin() -> PathBuf {
    tools_dir().join("binaryen/node_modules/.bin")
}

/// PATH with the project's tool folders first.
pub fn path_with_tools() -> std::ffi::OsString {
    let mut paths = vec![binaryen_bin()];
    if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo/bin"));
    }
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap_or_default()
}

fn version_of(program: &str, arg: &str) -> Option<String> {
    let out = Command::new(program).arg(arg).env("PATH", path_with_tools()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.env("PATH", path_with_tools()).status().map_err(|e| format!("{cmd:?}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{cmd:?} failed: {status}"))
}

/// What the page build needs: the wasm target, trunk, wasm-bindgen, wasm-opt.
pub fn ensure_build_tools() -> Result<(), String> {
    let targets = Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("rustup: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout).contains("wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if !version_of("trunk", "--version").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        eprintln!("xtask: installing trunk {TRUNK_VERSION} from crates.io (about 13 minutes on 2 cores)");
        run(Command::new("cargo").args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))?;
    }
    if !version_of("wasm-bindgen", "--version").is_some_and(|v| v.contains(WASM_BINDGEN_VERSION)) {
        eprintln!("xtask: installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} from crates.io (about 6 minutes)");
        // Not --locked: its lock file names a crate version the registry lacks.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION]))?;
    }
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if !version_of("wasm-opt", "--version").is_some_and(|v| v.contains(&format!("version {major}"))) {
        let dir = tools_dir().join("binaryen");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        run(Command::new("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&dir).arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    }
    Ok(())
}

/// Paths of Chromium and ChromeDriver, installing Debian's packages if we
/// can (root), else a clear message naming the command to run.
pub fn ensure_browser() -> Result<(PathBuf, PathBuf), String> {
    let find = |names: &[&str]| names.iter().map(PathBuf::from).find(|p| p.exists());
    let browser = || find(&["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]);
    let driver = || find(&["/usr/bin/chromedriver"]);
    if browser().is_none() || driver().is_none() {
        let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        let how = "apt-get update && apt-get install -y chromium chromium-driver";
        if !is_root {
            return Err(format!("the browser tests need Chromium and ChromeDriver: run `sudo sh -c '{how}'`"));
        }
        run(Command::new("sh").args(["-c", &format!("DEBIAN_FRONTEND=noninteractive {how}")]))?;
    }
    Ok((browser().ok_or("chromium missing after install")?, driver().ok_or("chromedriver missing after install")?))
}
