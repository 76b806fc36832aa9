// Tokens of the .hyp language. Syntax only: no actions, no predicates.
//
// Newlines are tokens: a statement ends at the end of its line (or at ';'),
// which lets error recovery resynchronise on the next line and keeps unit
// suffixes such as `30 epochs` unambiguous. Inside (), [] and {} the parser
// accepts newlines wherever a list may wrap.
lexer grammar HypLexer;

// ---- keywords (hard: never usable as names) --------------------------------
IMPORT     : 'import';
EXPERIMENT : 'experiment';
EXTENDS    : 'extends';
BLOCK      : 'block';
FOR        : 'for';
IN         : 'in';
IF         : 'if';
ELSE       : 'else';
MATCH      : 'match';
WHEN       : 'when';
REQUIRE    : 'require';
RESIDUAL   : 'residual';
FREEZE     : 'freeze';
REPLACE    : 'replace';
WITH       : 'with';
THEN       : 'then';
AND        : 'and';
OR         : 'or';
NOT        : 'not';
TRUE       : 'true';
FALSE      : 'false';
OBJECTIVE  : 'objective';
MAXIMIZE   : 'maximize';
MINIMIZE   : 'minimize';
TRY        : 'try';

// ---- soft keywords (also valid names; see `identifier` in the parser) ------
DATA    : 'data';
PARAMS  : 'params';
MODEL   : 'model';
TRAIN   : 'train';
TUNE    : 'tune';
ALL     : 'all';
EXCEPT  : 'except';
EPOCH   : 'epoch';
EPOCHS  : 'epochs';
STEP    : 'step';
STEPS   : 'steps';
SAVE    : 'save';
CONCAT  : 'concat';
ADD     : 'add';

// ---- literals ---------------------------------------------------------------
// A duration is a number glued to a time unit: 90s, 30m, 2h, 1.5d.
DURATION : DECIMAL ('s' | 'm' | 'h' | 'd');
// k, M and G scale a number by 10^3, 10^6 and 10^9 (100k, 1.2M).
NUMBER   : DECIMAL EXPONENT? [kMG]?;
// Digits run together with letters that make no number, such as 10steps, 1__000 or 3x3.
// Kept as a token so the mistake is named; DURATION and NUMBER win ties, being listed first.
MALFORMED_NUMBER : [0-9] [0-9a-zA-Z_]*;
STRING   : '"' (ESCAPE | ~["\\\r\n])* '"';
// Kept as a token so the parser can say exactly what is wrong.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'?;

// ---- punctuation and operators ---------------------------------------------
LBRACE      : '{';
RBRACE      : '}';
LPAREN      : '(';
RPAREN      : ')';
LBRACK      : '[';
RBRACK      : ']';
COMMA       : ',';
SEMI        : ';';
COLON       : ':';
DOTDOTLESS  : '..<';
DOTDOT      : '..';
DOT         : '.';
ARROW       : '=>';
EQ          : '==';
NE          : '!=';
LE          : '<=';
GE          : '>=';
LT          : '<';
GT          : '>';
ASSIGN      : '=';
TILDE       : '~';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
CARET       : '^';
PERCENT     : '%';
PIPE        : '|';
QUESTION    : '?';
UNDERSCORE  : '_';

IDENT : [a-zA-Z_] [a-zA-Z_0-9]*;

// ---- trivia -----------------------------------------------------------------
NL                   : '\r'? '\n' | '\r';
WS                   : [ \t\f\u00A0\uFEFF]+ -> channel(HIDDEN);
LINE_COMMENT         : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT        : '/*' .*? '*/' -> channel(HIDDEN);
// Cannot contain '*/', so a closed comment never lexes as this longer token.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;

// Anything else becomes one token the parser reports as an unexpected character,
// so lexing itself never fails.
ERROR_CHAR : .;

fragment DECIMAL  : DIGITS ('.' DIGITS)?;
fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? DIGITS;
fragment ESCAPE   : '\\' (["\\nrt0] | 'u{' [0-9a-fA-F]+ '}' | ~["\\nrt0u\r\n] | 'u');
