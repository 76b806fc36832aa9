using HyperDsl.Syntax.Text;

namespace HyperDsl.Syntax.Diagnostics;

/// <summary>
/// The HYP0xxx diagnostics: problems with the text and syntax of a file. The only place such
/// diagnostics are built, so codes and wording stay consistent.
/// </summary>
public static partial class SyntaxDiagnostics
{
    /// <summary>HYP0001: a character that cannot start any token.</summary>
    public static readonly DiagnosticDescriptor UnexpectedCharacterDescriptor = new("HYP0001", DiagnosticSeverity.Error, "Unexpected character");

    /// <summary>HYP0002: a string literal with no closing quote on its line.</summary>
    public static readonly DiagnosticDescriptor UnterminatedStringDescriptor = new("HYP0002", DiagnosticSeverity.Error, "Unterminated string");

    /// <summary>HYP0003: a block comment with no closing <c>*/</c>.</summary>
    public static readonly DiagnosticDescriptor UnterminatedCommentDescriptor = new("HYP0003", DiagnosticSeverity.Error, "Unterminated block comment");

    /// <summary>HYP0004: an escape sequence that strings do not support.</summary>
    public static readonly DiagnosticDescriptor InvalidEscapeDescriptor = new("HYP0004", DiagnosticSeverity.Error, "Invalid escape sequence");

    /// <summary>HYP0005: a number too large to represent.</summary>
    public static readonly DiagnosticDescriptor NumberOutOfRangeDescriptor = new("HYP0005", DiagnosticSeverity.Error, "Number out of range");

    /// <summary>HYP0006: bytes that are not UTF-8 text.</summary>
    public static readonly DiagnosticDescriptor InvalidUtf8Descriptor = new("HYP0006", DiagnosticSeverity.Error, "File is not valid UTF-8");

    /// <summary>HYP0008: a NUL character, the mark of binary data.</summary>
    public static readonly DiagnosticDescriptor BinaryFileDescriptor = new("HYP0008", DiagnosticSeverity.Error, "File is binary, not text");

    /// <summary>HYP0009: a name longer than any spec needs.</summary>
    public static readonly DiagnosticDescriptor NameTooLongDescriptor = new("HYP0009", DiagnosticSeverity.Error, "Name too long");

    /// <summary>HYP0010: the parser expected one thing and found another.</summary>
    public static readonly DiagnosticDescriptor ExpectedDescriptor = new("HYP0010", DiagnosticSeverity.Error, "Expected something else");

    /// <summary>HYP0011: a token that does not belong where it stands.</summary>
    public static readonly DiagnosticDescriptor UnexpectedTokenDescriptor = new("HYP0011", DiagnosticSeverity.Error, "Unexpected token");

    /// <summary>HYP0012: an opening bracket that is never closed.</summary>
    public static readonly DiagnosticDescriptor UnclosedBracketDescriptor = new("HYP0012", DiagnosticSeverity.Error, "Unclosed bracket");

    /// <summary>HYP0013: two statements on one line without a separator.</summary>
    public static readonly DiagnosticDescriptor MissingSeparatorDescriptor = new("HYP0013", DiagnosticSeverity.Error, "Missing line break between statements");

    /// <summary>HYP0014: nesting too deep to be a real spec.</summary>
    public static readonly DiagnosticDescriptor NestingTooDeepDescriptor = new("HYP0014", DiagnosticSeverity.Error, "Nesting too deep");

    /// <summary>HYP0015: reporting stopped after many syntax errors.</summary>
    public static readonly DiagnosticDescriptor TooManyErrorsDescriptor = new("HYP0015", DiagnosticSeverity.Info, "Too many syntax errors");

    /// <summary>HYP0016: a keyword where a name is expected.</summary>
    public static readonly DiagnosticDescriptor KeywordAsNameDescriptor = new("HYP0016", DiagnosticSeverity.Error, "Keyword used as a name");

    /// <summary>HYP0017: a closing bracket with nothing open to close.</summary>
    public static readonly DiagnosticDescriptor UnmatchedCloserDescriptor = new("HYP0017", DiagnosticSeverity.Error, "Unmatched closing bracket");

    /// <summary>HYP0018: an expression with more levels than any stage may recurse through.</summary>
    public static readonly DiagnosticDescriptor ExpressionTooDeepDescriptor = new("HYP0018", DiagnosticSeverity.Error, "Expression nested too deeply");

    /// <summary>HYP0007: digits run together with letters that make no number.</summary>
    public static readonly DiagnosticDescriptor MalformedNumberDescriptor = new("HYP0007", DiagnosticSeverity.Error, "Malformed number");

    /// <summary>All HYP0xxx descriptors, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        UnexpectedCharacterDescriptor, UnterminatedStringDescriptor, UnterminatedCommentDescriptor, InvalidEscapeDescriptor,
        NumberOutOfRangeDescriptor, InvalidUtf8Descriptor, MalformedNumberDescriptor, BinaryFileDescriptor, NameTooLongDescriptor, ExpectedDescriptor, UnexpectedTokenDescriptor,
        UnclosedBracketDescriptor, MissingSeparatorDescriptor, NestingTooDeepDescriptor, TooManyErrorsDescriptor,
        KeywordAsNameDescriptor, UnmatchedCloserDescriptor, ExpressionTooDeepDescriptor,
    ];

    internal static Diagnostic UnexpectedCharacter(SourceSpan span, string character) =>
        new(UnexpectedCharacterDescriptor, span, $"Unexpected character {character}; it cannot start a name, number, string or operator.", "Delete it, or put it inside a string.");

    internal static Diagnostic UnterminatedString(SourceSpan span) =>
        new(UnterminatedStringDescriptor, span, "This string has no closing '\"' on its line.", "Add the closing quote; strings cannot span lines (use \\n for a line break).");

    internal static Diagnostic UnterminatedComment(SourceSpan span) =>
        new(UnterminatedCommentDescriptor, span, "This block comment is never closed.", "Add '*/' where the comment should end.");

    internal static Diagnostic InvalidEscape(SourceSpan span, string escape) =>
        new(InvalidEscapeDescriptor, span, $"Unknown escape sequence '{escape}' in a string; use \\\", \\\\, \\n, \\r, \\t, \\0 or \\u{{hex}}.");

    internal static Diagnostic NumberOutOfRange(SourceSpan span, string text) =>
        new(NumberOutOfRangeDescriptor, span, $"The number '{DiagnosticText.Excerpt(text)}' is too large to represent.");

    internal static Diagnostic MalformedNumber(SourceSpan span, string text)
    {
        var unit = UnitSuffix().Match(text);
        return unit.Success
            ? new(MalformedNumberDescriptor, span, $"'{DiagnosticText.Excerpt(text)}' is not a number: put a space between the amount and its unit, as in '{DiagnosticText.Excerpt(unit.Groups[1].Value)} {unit.Groups[2].Value}'.")
            : new(MalformedNumberDescriptor, span, $"'{DiagnosticText.Excerpt(text)}' is not a number.", "Numbers look like 32, 0.5, 1e-3 or 1_000, may end in k, M or G (100k), and durations end in s, m, h or d (2h).");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^([0-9][0-9_.]*)(epochs?|steps?)$")]
    private static partial System.Text.RegularExpressions.Regex UnitSuffix();

    internal static Diagnostic InvalidUtf8(SourceSpan span, long byteOffset, LinePosition at) =>
        new(InvalidUtf8Descriptor, span, $"The file is not valid UTF-8 text: byte {byteOffset} (line {at.Line}, column {at.Column}) does not belong to any character; nothing in the file was checked.",
            "Save the file as UTF-8; .hyp files are text.");

    internal static Diagnostic BinaryFile(SourceSpan span, long byteOffset, LinePosition at) =>
        new(BinaryFileDescriptor, span, $"The file holds a NUL character at byte {byteOffset} (line {at.Line}, column {at.Column}), so it is binary data, not spec text; nothing in the file was checked.",
            "Check that this is the spec you meant; to put a NUL in a string, write \\0.");

    internal static Diagnostic NameTooLong(SourceSpan span, int length, int limit) =>
        new(NameTooLongDescriptor, span, $"This name is {length} characters long; names have at most {limit}.", "Choose a shorter name.");

    internal static Diagnostic Expected(SourceSpan span, string expected, string? after, string found) =>
        new(ExpectedDescriptor, span, after is null ? $"Expected {expected}, found {found}." : $"Expected {expected} after {after}, found {found}.");

    internal static Diagnostic UnexpectedToken(SourceSpan span, string found, string expected) =>
        new(UnexpectedTokenDescriptor, span, $"Unexpected {found}; expected {expected}.");

    internal static Diagnostic UnclosedBracket(SourceSpan span, string open, string close, LinePosition openedAt, string found) =>
        new(UnclosedBracketDescriptor, span, $"Expected '{close}' to close the '{open}' at line {openedAt.Line}, column {openedAt.Column}, found {found}.");

    internal static Diagnostic MissingSeparator(SourceSpan span, string found) =>
        new(MissingSeparatorDescriptor, span, $"Expected a line break before {found}; each statement goes on its own line.", "Start a new line here, or separate the statements with ';'.");

    internal static Diagnostic NestingTooDeep(SourceSpan span, int limit) =>
        new(NestingTooDeepDescriptor, span, $"Brackets and blocks are nested more than {limit} levels deep here; the file was not parsed further.", "Split the expression or the block into smaller parts.");

    internal static Diagnostic RulesTooDeep(SourceSpan span) =>
        new(NestingTooDeepDescriptor, span, "The spec nests too deeply here (hundreds of 'else if' in a row, say); the file was not parsed further.", "Use 'match' for many cases, or split the statement or expression into smaller parts.");

    internal static Diagnostic ExpressionTooDeep(SourceSpan span, int depth) =>
        new(ExpressionTooDeepDescriptor, span,
            $"This expression is {depth} levels deep; at most {SyntaxLimits.MaxExpressionDepth} are allowed (each operator of 'a + b + c', each call, index and 'if' adds a level).",
            ExpressionTooDeepHelp);

    internal static Diagnostic ExpressionNestedTooDeep(SourceSpan span) =>
        new(ExpressionTooDeepDescriptor, span,
            $"This expression nests more than {SyntaxLimits.MaxExpressionDepth} levels deep here (operators such as '^', '-' or 'not' in a row, and brackets, each add a level); the file was not parsed further.",
            ExpressionTooDeepHelp);

    private const string ExpressionTooDeepHelp = "Split it into derived parameters that each compute a part: 'part = a + b', then 'x = part + c'.";

    internal static Diagnostic KeywordAsName(SourceSpan span, string keyword, string? after) =>
        new(KeywordAsNameDescriptor, span, after is null
            ? $"'{keyword}' is a keyword and cannot be used as a name."
            : $"Expected a name after {after}, found the keyword '{keyword}', which cannot be used as a name.", "Choose another name, for example by adding a prefix or suffix.");

    internal static Diagnostic UnmatchedCloser(SourceSpan span, string closer, string opener) =>
        new(UnmatchedCloserDescriptor, span, $"Unexpected '{closer}': there is no open '{opener}' here for it to close.", "Delete it, or add the missing '" + opener + "' before it.");

    internal static Diagnostic InvalidCodePoint(SourceSpan span, string escape) =>
        new(InvalidEscapeDescriptor, span, $"'{escape}' is not a Unicode character: code points go up to \\u{{10FFFF}} and exclude the surrogates D800-DFFF.");

    internal static Diagnostic TooManyErrors(SourceSpan span, int shown) =>
        new(TooManyErrorsDescriptor, span, $"Stopped reporting syntax errors after the first {shown}; fix these and check again.");
}
