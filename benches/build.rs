//! The build benchmark: `cargo bench --bench build [-- SIZE...]`.
//!
//! Generates deterministic synthetic campaigns (see `gen.rs`) on tmpfs,
//! builds each with the release `loa` binary and prints wall time, CPU time,
//! pages per second and peak memory; then the growth curve (pages ×2 and
//! districts ×2), and the preview latency of `loa serve` after a one-page
//! edit. Sizes: `small` (CI), `single` (5,000 pages × 2 languages), `city`
//! (126 districts × 2 languages × 100 pages), `curve`, `preview`, `photos`
//! (500 news photos: first build and cached rebuild), `deploy` (`loa
//! deploy` of the city campaign to folders, plain and with `compress:
//! gzip`: first deploy, a deploy with nothing to send, and the bytes a
//! reader downloads).

#[path = "gen.rs"]
mod generator;
#[path = "pathological.rs"]
mod pathological;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use generator::{Shape, generate};

/// The `loa` to measure: this build's, or `LOA_BENCH_BIN` (to compare two
/// versions on the same generated campaigns).
fn loa() -> String {
    std::env::var("LOA_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_loa").to_string())
}

struct Measure {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
}

/// Runs `loa`, which must succeed, and measures it with wait4: wall,
/// user+system CPU, peak RSS.
fn measure(args: &[&str], dir: &Path) -> Measure {
    let (m, ok) = measure_any(args, dir);
    assert!(ok, "loa {args:?} failed in {}", dir.display());
    m
}

/// Runs `loa` and measures it as [`measure`] does, whatever its exit code;
/// also whether it succeeded.
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its resource usage"
)]
fn measure_any(args: &[&str], dir: &Path) -> (Measure, bool) {
    let start = Instant::now();
    let child = Command::new(loa())
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795910400")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run loa");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child, with valid pointers to locals.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert!(pid > 0, "loa {args:?} could not be waited for");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (
        Measure {
            wall,
            cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
            max_rss_kib: usage.ru_maxrss as u64,
        },
        ok,
    )
}

fn count_pages(out: &Path) -> usize {
    walkdir(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

struct Row {
    name: String,
    pages: usize,
    wall: Duration,
    cpu: Duration,
    rss: u64,
}

fn print_header() {
    println!(
        "{:<34} {:>8} {:>9} {:>9} {:>11} {:>9}",
        "campaign", "pages", "wall", "cpu", "pages/s", "peak MiB"
    );
}

fn print_row(r: &Row) {
    println!(
        "{:<34} {:>8} {:>8.3}s {:>8.3}s {:>11.0} {:>9.0}",
        r.name,
        r.pages,
        r.wall.as_secs_f64(),
        r.cpu.as_secs_f64(),
        r.pages as f64 / r.wall.as_secs_f64(),
        r.rss as f64 / 1024.0
    );
}

fn workdir() -> PathBuf {
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("loa-bench-{}", std::process::id()))
}

/// Generates, then builds `runs` times into an empty folder; the median.
fn bench(work: &Path, name: &str, shape: Shape, runs: usize) -> Row {
    let root = work.join(name);
    let started = Instant::now();
    generate(&root, shape).expect("generate");
    eprintln!(
        "  generated {name} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut rss = 0;
    let mut pages = 0;
    let mut checks = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(root.join("public"));
        let m = measure(&["build"], &root);
        walls.push(m.wall);
        cpus.push(m.cpu);
        rss = rss.max(m.max_rss_kib);
        pages = count_pages(&root.join("public"));
        // `loa check` right after each build, so both see the same load.
        // Findings make it fail; only its time is measured here.
        checks.push(measure_any(&["check"], &root).0);
    }
    // Staff rebuild over the previous output, which is replaced (and the old
    // copy deleted): measured once more that way.
    let again = measure(&["build"], &root);
    eprintln!(
        "  {name}: {:.3} s when building over the previous output",
        again.wall.as_secs_f64()
    );
    search_sizes(&root.join("public"));
    let row = Row {
        name: name.to_string(),
        pages,
        wall: median(walls),
        cpu: median(cpus),
        rss,
    };
    print_row(&row);
    check(&root, &row, checks, runs);
    if std::env::var_os("LOA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&root);
    }
    row
}

/// `loa check` of the same campaign beside its build (measured in the
/// same runs, alternately): its median and how it compares; then, when the
/// campaign has districts, `build` and `check` of its first district alone,
/// alternately `runs` times.
fn check(root: &Path, build: &Row, checks: Vec<Measure>, runs: usize) {
    let short = build.name.split(':').next().unwrap_or(&build.name);
    let row = Row {
        name: format!("{short}: check"),
        pages: build.pages,
        wall: median(checks.iter().map(|m| m.wall).collect()),
        cpu: median(checks.iter().map(|m| m.cpu).collect()),
        rss: checks.iter().map(|m| m.max_rss_kib).max().unwrap_or(0),
    };
    print_row(&row);
    side_by_side(&format!("{short}: check / build"), build, &row);
    if !root.join("content/districts/phuong-1.yaml").exists() {
        return;
    }
    let one = ["--district", "phuong-0"];
    let (mut builds, mut checks) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        builds.push(measure(&["build", one[0], one[1]], root));
        checks.push(measure_any(&["check", one[0], one[1]], root).0);
    }
    let pages = build.pages / count_districts(root).max(1);
    let rows = [("build", builds), ("check", checks)].map(|(what, m)| Row {
        name: format!("{short}: {what} --district phuong-0"),
        pages,
        wall: median(m.iter().map(|m| m.wall).collect()),
        cpu: median(m.iter().map(|m| m.cpu).collect()),
        rss: m.iter().map(|m| m.max_rss_kib).max().unwrap_or(0),
    });
    for row in &rows {
        print_row(row);
    }
    side_by_side(
        &format!("{short}: one district, check / build"),
        &rows[0],
        &rows[1],
    );
}

/// How `check` compares with `build`: the ratios of the medians.
fn side_by_side(name: &str, build: &Row, check: &Row) {
    println!(
        "{:<34} {:>8} {:>8.2}× {:>8.2}×",
        name,
        "",
        check.wall.as_secs_f64() / build.wall.as_secs_f64(),
        check.cpu.as_secs_f64() / build.cpu.as_secs_f64(),
    );
}

fn count_districts(root: &Path) -> usize {
    walkdir(&root.join("content/districts"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .count()
}

/// The search index the build wrote: every `search/` file of every
/// district and language, and the largest district-language's files (what
/// a reader's phone may load), plain and gzip-compressed.
fn search_sizes(out: &Path) {
    use std::collections::BTreeMap;
    use std::io::Write as _;
    let mut per_index: BTreeMap<PathBuf, (u64, u64, usize)> = BTreeMap::new();
    let mut biggest_file = (0u64, 0u64);
    for file in walkdir(out) {
        let Some(dir) = file.parent() else { continue };
        if dir.file_name().is_none_or(|n| n != "search") {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).unwrap();
        let zipped = gz.finish().unwrap().len() as u64;
        biggest_file = biggest_file.max((bytes.len() as u64, zipped));
        let e = per_index.entry(dir.to_path_buf()).or_default();
        *e = (e.0 + bytes.len() as u64, e.1 + zipped, e.2 + 1);
    }
    let total: u64 = per_index.values().map(|e| e.0).sum();
    let files: usize = per_index.values().map(|e| e.2).sum();
    let (dir, largest) = per_index
        .iter()
        .max_by_key(|(_, e)| e.0)
        .map(|(d, e)| (d.strip_prefix(out).unwrap_or(d).display().to_string(), *e))
        .unwrap_or_default();
    eprintln!(
        "  search: {} indexes, {files} files, {:.1} MiB; largest {dir}: {} files, {:.1} KB ({:.1} KB gzip); largest file {:.1} KB ({:.1} KB gzip)",
        per_index.len(),
        total as f64 / 1048576.0,
        largest.2,
        largest.0 as f64 / 1024.0,
        largest.1 as f64 / 1024.0,
        biggest_file.0 as f64 / 1024.0,
        biggest_file.1 as f64 / 1024.0
    );
}

const SMALL: Shape = Shape {
    districts: 3,
    pages: 50,
    own_pages: 2,
    overrides: 1,
    hotlines: 2,
};
const SINGLE: Shape = Shape {
    districts: 1,
    pages: 5000,
    own_pages: 0,
    overrides: 0,
    hotlines: 0,
};
const CITY: Shape = Shape {
    districts: 126,
    pages: 100,
    own_pages: 2,
    overrides: 1,
    hotlines: 3,
};

fn curve(work: &Path) {
    println!("\nGrowth (doubling must at most double the time):");
    print_header();
    growth(
        work,
        "pages",
        [1250, 2500, 5000].map(|pages| {
            (
                format!("single, {pages} pages × 2"),
                Shape { pages, ..SINGLE },
            )
        }),
    );
    growth(
        work,
        "districts",
        [32, 63, 126].map(|districts| {
            (
                format!("city, {districts} districts"),
                Shape { districts, ..CITY },
            )
        }),
    );
}

/// Builds each shape in turn, printing how much longer each took than the
/// one before (each doubles `what`).
fn growth(work: &Path, what: &str, shapes: [(String, Shape); 3]) {
    let mut last: Option<Duration> = None;
    for (name, shape) in shapes {
        let row = bench(work, &name, shape, 3);
        if let Some(prev) = last {
            println!(
                "{:>34}   × {:.2} time for × 2 {what}",
                "",
                row.wall.as_secs_f64() / prev.as_secs_f64()
            );
        }
        last = Some(row.wall);
    }
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}

/// `loa serve` on a campaign: save one page, then time until both the page
/// and its section list show the change.
fn preview(work: &Path, name: &str, shape: Shape, edits: usize) {
    let root = work.join(name);
    generate(&root, shape).expect("generate");
    let mut child = Command::new(loa())
        .args(["serve", "--port", "0"])
        .current_dir(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run loa serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve output").unwrap();
        if let Some(rest) = line.strip_prefix("Serving on http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let (section, slug) = ("skills", "trang-5"); // trang-0 is replaced in some districts
    let file = root.join(format!("content/{section}/{slug}.md"));
    let original = std::fs::read_to_string(&file).unwrap();
    let page = format!("/phuong-0/{section}/{slug}/");
    let list = format!("/phuong-0/{section}/");
    // Warm the server up once.
    http_get(&addr, &page);
    http_get(&addr, &list);
    let mut latencies = Vec::new();
    for i in 0..edits {
        let marker = format!("Bản sửa {i}");
        let edited = original.replacen("title: \"", &format!("title: \"{marker} "), 1);
        std::thread::sleep(Duration::from_millis(150));
        let start = Instant::now();
        std::fs::write(&file, edited).unwrap();
        loop {
            if http_get(&addr, &page).contains(&marker) && http_get(&addr, &list).contains(&marker)
            {
                break;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let got = http_get(&addr, &page);
                panic!(
                    "the edit never showed; the page is:\n{}",
                    &got[..got.len().min(2000)]
                );
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        latencies.push(start.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();
    let med = median(latencies.clone());
    let max = latencies.iter().max().unwrap();
    println!(
        "{name:<34} one-page edit: page and section list up to date in {:.1} ms median ({:.1} ms worst of {edits})",
        med.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// A campaign with 500 news photos: the first build (no picture cache) and
/// a rebuild that finds every picture in `.loa-cache/`.
/// `LOA_BENCH_PHOTOS=N` takes N photos instead (a quick look).
fn photos(work: &Path) {
    let root = work.join("photos");
    let count: usize = std::env::var("LOA_BENCH_PHOTOS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let started = Instant::now();
    generate(&root, SMALL_ONE).expect("generate");
    generator::photo_news(&root, count).expect("generate photos");
    eprintln!(
        "  generated {count} photos in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(root.join(".loa-cache"));
    let first = measure(&["build"], &root);
    let _ = std::fs::remove_dir_all(root.join("public"));
    let cached = measure(&["build"], &root);
    println!("\nPhotos: 1 district × 2 languages, {count} news items with a 1600 × 1000 JPEG each");
    println!(
        "  first build (empty picture cache): {:.2} s wall, {:.2} s CPU, {} MiB",
        first.wall.as_secs_f64(),
        first.cpu.as_secs_f64(),
        first.max_rss_kib / 1024
    );
    println!(
        "  rebuild (pictures from .loa-cache/): {:.2} s wall, {:.2} s CPU, {} MiB",
        cached.wall.as_secs_f64(),
        cached.cpu.as_secs_f64(),
        cached.max_rss_kib / 1024
    );
    if std::env::var_os("LOA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&root);
    }
}

const SMALL_ONE: Shape = Shape {
    districts: 1,
    pages: 20,
    own_pages: 0,
    overrides: 0,
    hotlines: 0,
};

/// `loa deploy` of the city campaign into folders: the first deploy, one
/// with nothing to send, plain and with `compress: gzip`; and the bytes of
/// the text files against their gzip copies.
fn deploy(work: &Path) {
    let root = work.join("deploy");
    generate(&root, CITY).expect("generate");
    println!("\nDeploy (city: 126 districts × 2 × 100, to folders):");
    for gzip in [false, true] {
        let www = work.join(if gzip { "www-gzip" } else { "www" });
        for entry in std::fs::read_dir(root.join("content/districts")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                let text = text.split("deploy:").next().unwrap().to_string();
                let compress = if gzip { "  compress: gzip\n" } else { "" };
                std::fs::write(
                    &path,
                    format!(
                        "{text}deploy:\n  target: \"file://{}/{slug}\"\n{compress}",
                        www.display()
                    ),
                )
                .unwrap();
            }
        }
        let first = measure(&["deploy"], &root);
        let again = measure(&["deploy"], &root);
        println!(
            "  {}: first {:.2} s, nothing to send {:.2} s (both with the build)",
            if gzip { "compress: gzip" } else { "plain" },
            first.wall.as_secs_f64(),
            again.wall.as_secs_f64()
        );
        if gzip {
            let (mut text, mut packed) = (0u64, 0u64);
            for file in walkdir(&www) {
                let name = file.to_string_lossy();
                if let Some(plain) = name.strip_suffix(".gz") {
                    packed += std::fs::metadata(&file).unwrap().len();
                    text += std::fs::metadata(plain).unwrap().len();
                }
            }
            println!(
                "  text files: {:.1} MiB, gzip copies {:.1} MiB ({:.0} %)",
                text as f64 / 1048576.0,
                packed as f64 / 1048576.0,
                packed as f64 * 100.0 / text as f64
            );
        }
    }
    if std::env::var_os("LOA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// Each page of the pathological corpus (see `pathological.rs`) at the
/// page size limit, alone in a campaign: `loa build` and `loa check`,
/// wall time and peak memory. Pages that are refused (nested too deep)
/// must be refused quickly too. Each must take under 2 s.
fn pathological(work: &Path) {
    println!(
        "\nPathological pages ({} bytes each; each must build and check in < 2 s):",
        pathological::PAGE_BYTES
    );
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "page", "build", "peak MiB", "check", "peak MiB", "result"
    );
    let mut slow = Vec::new();
    for (name, make) in pathological::CASES {
        let root = work.join(format!("pathological-{name}"));
        pathological::campaign(&root, &make(pathological::PAGE_BYTES)).expect("generate");
        let (build, built) = measure_any(&["build"], &root);
        let (check, _) = measure_any(&["check"], &root);
        println!(
            "{:<22} {:>8.3}s {:>9.0} {:>8.3}s {:>9.0} {:>7}",
            name,
            build.wall.as_secs_f64(),
            build.max_rss_kib as f64 / 1024.0,
            check.wall.as_secs_f64(),
            check.max_rss_kib as f64 / 1024.0,
            if built { "built" } else { "refused" }
        );
        if build.wall.max(check.wall) > Duration::from_secs(2) {
            slow.push(*name);
        }
        if std::env::var_os("LOA_BENCH_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&root);
        }
    }
    if !slow.is_empty() {
        println!("OVER 2 s: {}", slow.join(", "));
    }
}

fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let all = wanted.is_empty();
    let want = |name: &str| all || wanted.iter().any(|w| w == name);
    let work = workdir();
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    println!("loa build benchmark: {}", loa());
    println!(
        "machine: {} cores; output on {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        work.display()
    );
    print_header();
    if want("small") {
        bench(&work, "small: 3 districts × 2 × 50", SMALL, 3);
    }
    if want("single") {
        bench(&work, "single: 5,000 pages × 2", SINGLE, 3);
    }
    if want("city") {
        bench(&work, "city: 126 districts × 2 × 100", CITY, 3);
    }
    if want("curve") {
        curve(&work);
    }
    if want("photos") {
        photos(&work);
    }
    if want("deploy") {
        deploy(&work);
    }
    if want("pathological") {
        pathological(&work);
    }
    if want("preview") || want("small") {
        println!("\nPreview (loa serve):");
        if want("small") && !want("preview") {
            preview(&work, "small", SMALL, 5);
        } else {
            preview(&work, "single: 5,000 pages × 2", SINGLE, 21);
            preview(&work, "city: 126 districts × 2 × 100", CITY, 21);
        }
    }
    if std::env::var_os("LOA_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        println!("kept the campaigns in {}", work.display());
    }
}
