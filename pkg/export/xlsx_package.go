package export

import (
	"strconv"
)

// writePackage writes the parts that make the sheets a workbook: the
// content types, the relationships, the workbook (sheet names and order)
// and the styles. Sheets are numbered as in book.
func (b *book) writePackage() error {
	names := b.names()
	var types, rels, sheets []byte
	for i, name := range names {
		n := strconv.Itoa(i + 1)
		types = append(types, `<Override PartName="/`+sheetPart(i+1)+`" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`...)
		rels = append(rels, `<Relationship Id="rId`+n+`" Type="`+nsRelations+`/worksheet" Target="worksheets/sheet`+n+`.xml"/>`...)
		sheets = appendEscaped(append(sheets, `<sheet name="`...), name)
		sheets = append(sheets, `" sheetId="`+n+`" r:id="rId`+n+`"/>`...)
	}
	stylesID := "rId" + strconv.Itoa(len(names)+1)
	parts := []struct {
		name string
		body []byte
	}{
		{"[Content_Types].xml", concat(xmlHeader+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
			`<Default Extension="xml" ContentType="application/xml"/>`+
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
			types, `</Types>`)},
		{"_rels/.rels", []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + nsRelations + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", concat(xmlHeader+`<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRelations+`">`+
			`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`, sheets, `</sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", concat(xmlHeader+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`,
			rels, `<Relationship Id="`+stylesID+`" Type="`+nsRelations+`/styles" Target="styles.xml"/></Relationships>`)},
		{"xl/styles.xml", []byte(stylesXML)},
	}
	for _, p := range parts {
		w, err := b.create(p.name)
		if err != nil {
			return err
		}
		if _, err := w.Write(p.body); err != nil {
			return err
		}
	}
	return nil
}

func concat(head string, body []byte, tail string) []byte {
	return append(append([]byte(head), body...), tail...)
}

// stylesXML holds the cell styles of the style constants, in their order
// after the default: title (bold 14 pt), header (bold), ratio (0.00).
const stylesXML = xmlHeader + `<styleSheet xmlns="` + nsMain + `">` +
	`<fonts count="3">` +
	`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`</fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`</cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`
