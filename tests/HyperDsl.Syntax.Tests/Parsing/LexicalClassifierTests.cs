using HyperDsl.Syntax.Parsing;

namespace HyperDsl.Syntax.Tests.Parsing;

public sealed class LexicalClassifierTests
{
    private static List<(string Text, LexicalClass Class)> Classify(string text) =>
        [.. LexicalClassifier.Classify(text).Select(s => (text.Substring(s.Span.Start, s.Span.Length), s.Class))];

    [Fact]
    public void Keywords_names_numbers_strings_comments_and_operators_are_told_apart_and_brackets_left_out()
    {
        var classes = Classify("import \"a.hyp\" // shared\nlr ~ loguniform(1e-3, 2h) when x..<3 /* done */");

        Assert.Equal(
            [("import", LexicalClass.Keyword), ("\"a.hyp\"", LexicalClass.String), ("// shared", LexicalClass.Comment),
             ("lr", LexicalClass.Identifier), ("~", LexicalClass.Operator), ("loguniform", LexicalClass.Identifier),
             ("1e-3", LexicalClass.Number), ("2h", LexicalClass.Number), ("when", LexicalClass.Keyword), ("x", LexicalClass.Identifier),
             ("..<", LexicalClass.Operator), ("3", LexicalClass.Number), ("/* done */", LexicalClass.Comment)],
            classes);
    }

    [Fact]
    public void Unfinished_strings_and_comments_are_still_classified()
    {
        Assert.Equal([("x", LexicalClass.Identifier), ("\"open", LexicalClass.String)], Classify("x \"open"));
        Assert.Equal([("/* open\nstill", LexicalClass.Comment)], Classify("/* open\nstill"));
    }
}
