package core

// Every test checks that the text counts scoring hands to the cleaning
// of the article copy are those of the copy's text nodes.
func init() { checkTextCounts = true }
