package dashboard

import "fmt"

// repeats reports panels that show what an earlier panel of the same
// dashboard already shows. A repeated panel is a copy-and-paste slip, and
// two equity gaps of one indicator and dimension measured from different
// reference groups read as a contradiction ("White: widening" beside
// "Asian: widening"), so a dashboard picks one reference per dimension.
func (f *fileParser) repeats(panels []Panel) {
	seen := map[string]int{}   // what a panel shows -> its number
	gapRef := map[string]int{} // indicator and dimension of an equity gap -> its panel
	for i, p := range panels {
		num := i + 1
		if _, known := panelNeeds[p.Type]; !known {
			continue // already reported
		}
		key := fmt.Sprintf("%s|%s|%s|%s|%s", p.Type, p.Indicator, p.Goal, p.Dimension, p.Reference)
		if first, ok := seen[key]; ok {
			f.at(p.Line, "panel %d: repeats panel %d (same type, and the same %s): remove one", num, first, showsWhat(p))
			continue
		}
		seen[key] = num
		if p.Type != PanelEquityGap {
			continue
		}
		gap := p.Indicator + "|" + p.Dimension
		if first, ok := gapRef[gap]; ok {
			f.at(p.lineOf("reference"), "panel %d: a second equity gap of %q by %q, from %q where panel %d measures it from %q: use one reference group per dimension",
				num, p.Indicator, p.Dimension, p.Reference, first, panels[first-1].Reference)
			continue
		}
		gapRef[gap] = num
	}
}

// showsWhat names the data a panel shows, for messages.
func showsWhat(p Panel) string {
	switch {
	case p.Goal != "":
		return fmt.Sprintf("goal %q", p.Goal)
	case p.Reference != "":
		return fmt.Sprintf("indicator %q, dimension %q and reference %q", p.Indicator, p.Dimension, p.Reference)
	case p.Dimension != "":
		return fmt.Sprintf("indicator %q and dimension %q", p.Indicator, p.Dimension)
	case p.Indicator != "":
		return fmt.Sprintf("indicator %q", p.Indicator)
	}
	return "content"
}
