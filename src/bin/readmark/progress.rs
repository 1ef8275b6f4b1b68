//! A one-line progress bar on stderr (only drawn when stderr is a terminal).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const WIDTH: usize = 28;
const REDRAW_EVERY: Duration = Duration::from_millis(80);

#[derive(Debug)]
pub struct Progress {
    total: usize,
    done: usize,
    enabled: bool,
    started: Instant,
    last_draw: Option<Instant>,
    /// The bar is currently on screen (must be cleared before other stderr output).
    shown: bool,
}

impl Progress {
    /// A bar over `total` items; drawn only if `wanted` and stderr is a terminal.
    pub fn new(total: usize, wanted: bool) -> Progress {
        Progress {
            total,
            done: 0,
            enabled: wanted && std::io::stderr().is_terminal(),
            started: Instant::now(),
            last_draw: None,
            shown: false,
        }
    }

    /// One more item finished.
    pub fn tick(&mut self, current: &str) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let due = match self.last_draw {
            Some(t) => now.duration_since(t) >= REDRAW_EVERY,
            None => true,
        };
        if due || self.done == self.total {
            self.last_draw = Some(now);
            self.draw(current);
        }
    }

    /// Print a line on stderr without tearing the bar.
    pub fn println(&mut self, line: &str) {
        self.clear();
        eprintln!("{line}");
    }

    /// Remove the bar from the screen.
    pub fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }

    fn draw(&mut self, current: &str) {
        let total = self.total.max(1);
        let filled = WIDTH * self.done / total;
        let elapsed = self.started.elapsed().as_secs_f64();
        let per_page = elapsed / self.done.max(1) as f64;
        let eta = per_page * (self.total.saturating_sub(self.done)) as f64;
        let name: String = current.chars().take(32).collect();
        let mut err = std::io::stderr().lock();
        // Write failures on a terminal are not worth failing the batch for.
        let _ = write!(
            err,
            "\r\x1b[2K[{}{}] {}/{} {:>3}%  {:.1} ms/page  ETA {:.0}s  {}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            self.done,
            self.total,
            100 * self.done / total,
            per_page * 1000.0,
            eta,
            name
        );
        let _ = err.flush();
        self.shown = true;
    }
}
