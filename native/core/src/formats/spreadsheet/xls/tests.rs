use super::*;
use crate::config::ExtractionConfig;

fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

fn bof(dt: u16) -> Vec<u8> {
    let mut data = BIFF8.to_le_bytes().to_vec();
    data.extend_from_slice(&dt.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    record(BOF, &data)
}

/// A cell record's first six bytes: row, column and cell format.
fn at(row: u16, col: u16, xf: u16) -> Vec<u8> {
    [row.to_le_bytes(), col.to_le_bytes(), xf.to_le_bytes()].concat()
}

/// An 8-bit `XLUnicodeString`.
fn narrow(text: &str) -> Vec<u8> {
    let mut out = (text.len() as u16).to_le_bytes().to_vec();
    out.push(0);
    out.extend_from_slice(text.as_bytes());
    out
}

/// A workbook of one sheet whose second shared string is cut between the `SST` record and its
/// `CONTINUE`, going on in UTF-16.
fn workbook(encrypted: bool) -> Vec<u8> {
    let mut sst = Vec::new();
    sst.extend_from_slice(&3u32.to_le_bytes());
    sst.extend_from_slice(&2u32.to_le_bytes());
    sst.extend_from_slice(&narrow("Region"));
    // "Zürich €": 9 characters, 4 in this record (8-bit), 5 in the CONTINUE (UTF-16).
    sst.extend_from_slice(&9u16.to_le_bytes());
    sst.push(0);
    sst.extend_from_slice(b"Z\xfcri");
    let mut continued = vec![0x01];
    continued.extend("ch \u{20ac}!".encode_utf16().flat_map(u16::to_le_bytes));
    let mut globals = Vec::new();
    globals.extend(bof(0x0005));
    if encrypted {
        globals.extend(record(FILEPASS, &[0; 6]));
    }
    globals.extend(record(DATEMODE, &0u16.to_le_bytes()));
    let mut format = 164u16.to_le_bytes().to_vec();
    format.extend(narrow("0.0%"));
    globals.extend(record(FORMAT, &format));
    for ifmt in [0u16, 14, 164] {
        let mut xf = vec![0, 0];
        xf.extend_from_slice(&ifmt.to_le_bytes());
        xf.extend_from_slice(&[0; 16]);
        globals.extend(record(XF, &xf));
    }
    globals.extend(record(SST, &sst));
    globals.extend(record(CONTINUE, &continued));
    let boundsheet_at = globals.len();
    let mut sheet_entry = vec![0u8; 4];
    sheet_entry.extend_from_slice(&[0, 0, 6, 0]);
    sheet_entry.extend_from_slice(b"Totals");
    globals.extend(record(BOUNDSHEET, &sheet_entry));
    globals.extend(record(EOF, &[]));
    let sheet_at = globals.len() as u32;
    globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&sheet_at.to_le_bytes());
    let mut sheet = Vec::new();
    sheet.extend(bof(0x0010));
    sheet.extend(record(
        LABELSST,
        &[at(0, 0, 0), 0u32.to_le_bytes().to_vec()].concat(),
    ));
    sheet.extend(record(
        LABELSST,
        &[at(0, 1, 0), 1u32.to_le_bytes().to_vec()].concat(),
    ));
    sheet.extend(record(
        NUMBER,
        &[at(1, 0, 1), 43466.0f64.to_le_bytes().to_vec()].concat(),
    ));
    // RK: 0.25 as a double with its low 34 bits dropped, in format 0.0%.
    let rk = ((0.25f64.to_bits() >> 32) as u32) & !0x03;
    sheet.extend(record(
        RK,
        &[at(1, 1, 2), rk.to_le_bytes().to_vec()].concat(),
    ));
    let mut mulrk = at(2, 0, 0)[..4].to_vec();
    for value in [7u32, 8] {
        mulrk.extend_from_slice(&0u16.to_le_bytes());
        mulrk.extend_from_slice(&((value << 2) | 0x02).to_le_bytes());
    }
    mulrk.extend_from_slice(&1u16.to_le_bytes());
    sheet.extend(record(MULRK, &mulrk));
    let text_result = [0u8, 0, 0, 0, 0, 0, 0xFF, 0xFF];
    let mut formula = at(3, 0, 0);
    formula.extend_from_slice(&text_result);
    formula.extend_from_slice(&[0; 6]);
    sheet.extend(record(FORMULA, &formula));
    sheet.extend(record(STRING, &narrow("joined")));
    sheet.extend(record(BOOLERR, &[at(3, 1, 0), vec![1, 0]].concat()));
    sheet.extend(record(BOOLERR, &[at(3, 2, 0), vec![0x07, 1]].concat()));
    // An embedded chart's substream, whose EOF does not end the sheet.
    sheet.extend(bof(0x0020));
    sheet.extend(record(EOF, &[]));
    sheet.extend(record(
        LABEL,
        &[at(4, 0, 0), narrow("after the chart")].concat(),
    ));
    sheet.extend(record(FOOTER, &narrow("&CQuarterly report")));
    // A comment: OBJ (id 7), TXO with its text in a CONTINUE, and its NOTE naming the author;
    // then a text box (id 8) that no NOTE names.
    for (id, text) in [(7u16, "Ann Lee:\rCheck this"), (8, "Boxed text")] {
        let mut obj = FT_CMO.to_le_bytes().to_vec();
        obj.extend_from_slice(&[0x12, 0, 0x19, 0]);
        obj.extend_from_slice(&id.to_le_bytes());
        obj.extend_from_slice(&[0; 14]);
        sheet.extend(record(OBJ, &obj));
        let mut txo = vec![0u8; 10];
        txo.extend_from_slice(&(text.len() as u16).to_le_bytes());
        txo.extend_from_slice(&[0; 6]);
        sheet.extend(record(TXO, &txo));
        let mut chars = vec![0u8];
        chars.extend_from_slice(text.as_bytes());
        sheet.extend(record(CONTINUE, &chars));
        sheet.extend(record(CONTINUE, &[0; 16]));
    }
    let mut note = at(0, 0, 0);
    note.extend_from_slice(&7u16.to_le_bytes());
    note.extend(narrow("Ann Lee"));
    sheet.extend(record(NOTE, &note));
    sheet.extend(record(EOF, &[]));
    [globals, sheet].concat()
}

#[test]
fn a_biff8_workbook_gives_its_cells_as_excel_shows_them() {
    let config = ExtractionConfig::default();
    let ctx = Context::new("book.xls", &config);
    let workbook = read(&workbook(false), &ctx).unwrap();
    assert_eq!(workbook.sheets.len(), 1);
    let sheet = &workbook.sheets[0];
    assert_eq!(sheet.name, "Totals");
    let text = |row: u32, col: u32| {
        sheet
            .cells
            .iter()
            .find(|c| c.row == row && c.col == col)
            .map(|c| c.text.as_str())
    };
    assert_eq!(text(0, 0), Some("Region"));
    assert_eq!(text(0, 1), Some("Z\u{fc}rich \u{20ac}!"));
    assert_eq!(text(1, 0), Some("1/1/2019"));
    assert_eq!(text(1, 1), Some("25.0%"));
    assert_eq!(text(2, 0), Some("7"));
    assert_eq!(text(2, 1), Some("8"));
    assert_eq!(text(3, 0), Some("joined"));
    assert_eq!(text(3, 1), Some("TRUE"));
    assert_eq!(text(3, 2), Some("#DIV/0!"));
    assert_eq!(text(4, 0), Some("after the chart"));
    assert_eq!(
        sheet.notes,
        vec![
            "Quarterly report".to_owned(),
            "Comment: Ann Lee:\nCheck this".to_owned(),
            "Boxed text".to_owned()
        ]
    );
}

#[test]
fn an_encrypted_workbook_is_an_encrypted_error_naming_the_file() {
    let config = ExtractionConfig::default();
    let ctx = Context::new("book.xls", &config);
    let error = read(&workbook(true), &ctx).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Encrypted);
    assert!(error.message.starts_with("book.xls: "), "{}", error.message);
}

#[test]
fn a_stream_that_does_not_start_with_bof_is_a_parse_error() {
    let config = ExtractionConfig::default();
    let ctx = Context::new("book.xls", &config);
    let error = read(&record(EOF, &[]), &ctx).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Parse);
}
