//! The `kashif` Python module: `analyze`, `analyze_many` and `__version__` over the same core as
//! the CLI and the wasm.
//!
//! A result is built exactly as the CLI's `--format jsonl` line is (`serde_json` of
//! [`kashif::Analysis`]) and handed to Python's `json.loads`, so a Python dict and a CLI line are
//! the same data by construction, not by a second serializer kept in step. Options go the other
//! way: the keyword arguments become a JSON object read by the same `Options` deserializer as
//! the CLI's `--options`, so unknown fields and bad values get the CLI's messages.
//!
//! The interpreter is released while analyzing (`Python::detach`): other Python threads run
//! meanwhile. `analyze_many` runs on [`kashif::parallel::map_ordered`], the engine of the CLI's
//! `--lines --jobs N`: it takes the texts from the Python iterable on a feeder thread (holding
//! the interpreter only for each `next`), analyzes them on `jobs` threads, and builds the dicts
//! in input order on the caller's thread.

use kashif::Options;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};

/// Analyzes one text; returns the result as a dict, the same data as one line of the CLI's
/// `--format jsonl`. Options are keyword arguments (see `kashif.pyi`).
#[pyfunction]
#[pyo3(signature = (text, /, **options))]
fn analyze<'py>(py: Python<'py>, text: &Bound<'py, PyAny>, options: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
    let options = parse_options(py, options)?;
    let text = text_of(text, "analyze(text, **options): text")?;
    let json = py.detach(|| analysis_json(text, &options));
    json_loads(py)?.call1((json,))
}

/// Analyzes every text of an iterable on `jobs` threads (default: one per core); returns the
/// results in input order, as a list of dicts.
#[pyfunction]
#[pyo3(signature = (texts, /, jobs = None, **options))]
fn analyze_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    jobs: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let jobs = jobs_of(jobs)?;
    let options = parse_options(py, options)?;
    let items: Py<PyIterator> = texts.try_iter()?.unbind();
    let loads: Py<PyAny> = json_loads(py)?.unbind();
    let out: Py<PyList> = PyList::empty(py).unbind();
    let feed = Texts { items, n: 0, done: false };
    py.detach(|| {
        kashif::parallel::map_ordered(feed, jobs, |text: String, _| analysis_json(&text, &options), |json: String| {
            Python::attach(|py| {
                py.check_signals()?;
                out.bind(py).append(loads.bind(py).call1((json,))?)
            })
        })
    })?;
    Ok(out.into_bound(py))
}

/// The texts of a Python iterable, taken one `next` at a time with the interpreter held only for
/// that; the first error (an item that is not a `str`, or the iterable's own) ends them.
struct Texts {
    items: Py<PyIterator>,
    n: u64,
    done: bool,
}

impl Iterator for Texts {
    type Item = PyResult<String>;

    fn next(&mut self) -> Option<PyResult<String>> {
        if self.done {
            return None;
        }
        let got = Python::attach(|py| {
            let item = self.items.bind(py).clone().next()?;
            Some(item.and_then(|t| text_of(&t, &format!("analyze_many: item {}", self.n)).map(str::to_owned)))
        });
        self.n += 1;
        self.done = !matches!(got, Some(Ok(_)));
        got
    }
}

/// The analysis of `text` as the CLI's JSON line (without its line break).
fn analysis_json(text: &str, options: &Options) -> String {
    serde_json::to_string(&kashif::analyze(text, options)).expect("an analysis serializes")
}

fn json_loads(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("json")?.getattr("loads")
}

/// `what` as UTF-8, or a `TypeError` / `ValueError` naming `what`.
fn text_of<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    let s = value.cast::<PyString>().map_err(|_| {
        let got = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("{what} must be a str, got {got}"))
    })?;
    s.to_str().map_err(|e| {
        PyValueError::new_err(format!(
            "{what} is not valid Unicode ({e}); replace lone surrogates first, e.g. text.encode('utf-8', 'replace').decode('utf-8')"
        ))
    })
}

/// `jobs`: `None` for one thread per core, or a whole number ≥ 1 (the CLI's `--jobs` message
/// otherwise).
fn jobs_of(jobs: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    let Some(jobs) = jobs.filter(|j| !j.is_none()) else {
        return Ok(std::thread::available_parallelism().map_or(1, |n| n.get()));
    };
    let shown = jobs.repr().map(|r| r.to_string()).unwrap_or_default();
    let message = format!("jobs wants a whole number of threads, 1 or more, not {shown}");
    if jobs.is_instance_of::<pyo3::types::PyBool>() || !jobs.is_instance_of::<pyo3::types::PyInt>() {
        return Err(PyTypeError::new_err(message));
    }
    jobs.extract::<usize>().ok().filter(|&n| n >= 1).ok_or_else(|| PyValueError::new_err(message))
}

/// The keyword arguments as [`Options`], read by the CLI's `--options` deserializer from their
/// JSON (`json.dumps`) by [`Options::from_json`]: a wrong type is a `TypeError`, an unknown
/// field or a bad value a `ValueError`, each with the CLI's message (less the line and column of
/// the JSON made here, which the caller never wrote).
fn parse_options(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
    let Some(options) = options.filter(|o| !o.is_empty()) else {
        return Ok(Options::default());
    };
    let json: String = py.import("json")?.getattr("dumps")?.call1((options,))?.extract()?;
    Options::from_json(&json).map_err(|e| {
        // The line and column point into the JSON made here, which the caller never wrote.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        if e.wrong_type {
            PyTypeError::new_err(message)
        } else {
            PyValueError::new_err(message)
        }
    })
}

/// Kashif, an Arabic text analyzer: tokens, clitics, sentences, keywords and named entities.
#[pymodule]
#[pyo3(name = "kashif")]
fn kashif_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add("__version__", kashif::VERSION)?;
    Ok(())
}
