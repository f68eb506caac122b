//! Where the merge keeps what it needs only once: each article's term vector and each event's
//! headline and sentence. The bytes stay in memory up to a budget and go to an anonymous
//! temporary file beyond it, so that merging 100,000 articles keeps the memory of a few
//! thousand: what stays in memory per event is its date, label, role and a handle.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

use crate::error::{Error, Result};

/// Where some bytes were put: read them back with [`Store::get`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Handle {
    offset: u64,
    len: u32,
}

/// An append-only byte store: memory first, then a temporary file.
#[derive(Debug)]
pub(crate) struct Store {
    /// Bytes not yet written to the file; they begin at `spilled`.
    memory: Vec<u8>,
    /// How many bytes went to the file.
    spilled: u64,
    file: Option<File>,
    /// Most bytes kept in memory before they go to the file.
    budget: usize,
}

/// Bytes kept in memory before the store spills to a temporary file: enough for several
/// thousand articles, so small runs never touch the disk.
pub(crate) const DEFAULT_BUDGET: usize = 16 << 20;

fn spill_error(e: std::io::Error) -> Error {
    Error::io(
        std::env::temp_dir(),
        "cannot use a temporary file for merging happenings",
        e,
    )
}

impl Store {
    /// An empty store that keeps up to `budget` bytes in memory.
    pub(crate) fn new(budget: usize) -> Self {
        Store {
            memory: Vec::new(),
            spilled: 0,
            file: None,
            budget,
        }
    }

    /// Appends `bytes`.
    pub(crate) fn put(&mut self, bytes: &[u8]) -> Result<Handle> {
        let len = u32::try_from(bytes.len())
            .map_err(|_| Error::Data("a single stored record is larger than 4 GB".to_string()))?;
        let handle = Handle {
            offset: self.spilled + self.memory.len() as u64,
            len,
        };
        self.memory.extend_from_slice(bytes);
        if self.memory.len() > self.budget {
            self.spill()?;
        }
        Ok(handle)
    }

    /// Writes the bytes held in memory to the temporary file.
    fn spill(&mut self) -> Result<()> {
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile().map_err(spill_error)?);
        }
        if let Some(file) = self.file.as_mut() {
            file.seek(SeekFrom::End(0)).map_err(spill_error)?;
            file.write_all(&self.memory).map_err(spill_error)?;
        }
        self.spilled += self.memory.len() as u64;
        self.memory.clear();
        Ok(())
    }

    /// The bytes put at `handle`, into `out` (cleared first).
    pub(crate) fn get(&mut self, handle: Handle, out: &mut Vec<u8>) -> Result<()> {
        out.clear();
        let len = handle.len as usize;
        if handle.offset >= self.spilled {
            let at = (handle.offset - self.spilled) as usize;
            let bytes = self.memory.get(at..at + len).ok_or_else(|| {
                Error::Data("merging happenings: a stored record is missing".to_string())
            })?;
            out.extend_from_slice(bytes);
            return Ok(());
        }
        let file = self.file.as_mut().ok_or_else(|| {
            Error::Data("merging happenings: the temporary file is missing".to_string())
        })?;
        out.resize(len, 0);
        file.seek(SeekFrom::Start(handle.offset))
            .map_err(spill_error)?;
        file.read_exact(out).map_err(spill_error)
    }

    /// Whether some bytes went to the temporary file (for tests).
    #[cfg(test)]
    pub(crate) fn has_spilled(&self) -> bool {
        self.spilled > 0
    }
}

/// Appends a length-prefixed string to `out`.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Reads a string written by [`put_str`] at `*at`, moving `*at` past it.
pub(crate) fn take_str(bytes: &[u8], at: &mut usize) -> Result<String> {
    let bad = || Error::Data("merging happenings: a stored record is damaged".to_string());
    let len_bytes: [u8; 4] = bytes
        .get(*at..*at + 4)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    let len = u32::from_le_bytes(len_bytes) as usize;
    let s = bytes.get(*at + 4..*at + 4 + len).ok_or_else(bad)?;
    *at += 4 + len;
    // simdutf8 checks Vietnamese text (a multi-byte letter every few bytes) several times
    // faster than `String::from_utf8`; every stored headline, sentence and source list of a
    // merged run is read back here, on the one thread that writes.
    simdutf8::basic::from_utf8(s)
        .map(str::to_owned)
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_from_memory_and_from_the_file() {
        let mut store = Store::new(64);
        let records: Vec<Vec<u8>> = (0..50u8).map(|i| vec![i; 1 + i as usize % 7]).collect();
        let handles: Vec<Handle> = records.iter().map(|r| store.put(r).unwrap()).collect();
        assert!(store.has_spilled(), "a 64-byte budget must spill");
        let mut out = Vec::new();
        // Out of order, to read the file and the memory alternately.
        for i in (0..records.len()).rev() {
            store.get(handles[i], &mut out).unwrap();
            assert_eq!(out, records[i], "record {i}");
        }
    }

    #[test]
    fn strings_round_trip() {
        let mut bytes = Vec::new();
        put_str(&mut bytes, "Tên lửa");
        put_str(&mut bytes, "");
        let mut at = 0;
        assert_eq!(take_str(&bytes, &mut at).unwrap(), "Tên lửa");
        assert_eq!(take_str(&bytes, &mut at).unwrap(), "");
        assert!(take_str(&bytes, &mut at).is_err());
        // A damaged record: bytes that are not UTF-8 are an error, not read.
        let mut damaged = Vec::new();
        put_str(&mut damaged, "Tên lửa");
        damaged[6] = 0xFF;
        assert!(take_str(&damaged, &mut 0).is_err());
    }
}
