package charts

// The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008),
// distinguishable with the common colour-vision deficiencies. app.css
// exposes the same colours as CSS variables.
const (
	colorBlack         = "#000000"
	colorOrange        = "#E69F00"
	colorSkyBlue       = "#56B4E9"
	colorBluishGreen   = "#009E73"
	colorYellow        = "#F0E442"
	colorBlue          = "#0072B2"
	colorVermillion    = "#D55E00"
	colorReddishPurple = "#CC79A7"
	colorGrey          = "#666666"
)

// palette orders the colours by contrast against white: the first five
// reach the 3:1 that WCAG asks of graphics; orange, sky blue and yellow
// come last and always with their own symbol and dash.
var palette = []string{
	colorBlue, colorVermillion, colorBluishGreen, colorReddishPurple,
	colorBlack, colorOrange, colorSkyBlue, colorYellow,
}

// dashes cycles with a length (3) coprime with the palette's (8), so the
// first 24 series of a chart never share both colour and dash, and each
// has its own symbol within 8: lines differ by more than colour.
var (
	symbols = []string{"circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow", "emptyCircle"}
	dashes  = []string{"solid", "dashed", "dotted"}
)

// look is how the i-th series of a multi-line chart is drawn.
type look struct {
	color, symbol, dash string
}

func lookAt(i int) look {
	return look{
		color:  palette[i%len(palette)],
		symbol: symbols[i%len(symbols)],
		dash:   dashes[i%len(dashes)],
	}
}
