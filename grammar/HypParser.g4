// Syntax of the .hyp language. Syntax only: no actions, no predicates.
// Distributions, layers, optimizers, schedules, samplers and pruners are calls
// resolved later by name; settings are names resolved later by section.
//
// Conventions: statements are separated by newlines or ';' (`sep`); inside
// (), [] and {} lists may wrap, and a binary operator may end a line.
parser grammar HypParser;

options { tokenVocab = HypLexer; }

// ---- files --------------------------------------------------------------------

// Lists of statements have the shape `item? (sep item?)*`: every decision needs one token of
// lookahead, so recovery from a bad line skips that line and the list goes on.
spec
    : topLevel? (sep topLevel?)* EOF
    ;

topLevel
    : importDecl
    | experimentDecl
    | blockDecl
    ;

importDecl
    : IMPORT path=STRING
    ;

experimentDecl
    : EXPERIMENT name=identifier (EXTENDS parent=identifier)? experimentBody
    ;

experimentBody
    : LBRACE section? (sep section?)* RBRACE
    ;

section
    : DATA settingsBody     # dataSection
    | PARAMS paramsBody     # paramsSection
    | MODEL statementBlock  # modelSection
    | TRAIN settingsBody    # trainSection
    | TUNE settingsBody     # tuneSection
    ;

blockDecl
    : BLOCK name=identifier blockParameters? statementBlock
    ;

blockParameters
    : LPAREN NL* (blockParameter (argSep blockParameter)* COMMA? NL*)? RPAREN
    ;

blockParameter
    : name=identifier (COLON type=typeReference)? (ASSIGN defaultValue=expression)?
    ;

typeReference
    : identifier QUESTION?
    ;

// ---- settings (data, train, tune) -----------------------------------------------

settingsBody
    : LBRACE setting? (sep setting?)* RBRACE
    ;

setting
    : OBJECTIVE objective (argSep objective)*                           # objectiveSetting
    | TRY LBRACE assignment? (itemSep assignment?)* RBRACE               # trySetting
    | name=identifier statementBlock                                    # blockSetting
    | name=identifier (argument (argSep argument)*)?                    # valueSetting
    ;

objective
    : direction=(MAXIMIZE | MINIMIZE) metric=expression
    ;

assignment
    : name=identifier ASSIGN value=expression
    ;

// ---- the search space -----------------------------------------------------------

paramsBody
    : LBRACE paramsMember? (sep paramsMember?)* RBRACE
    ;

paramsMember
    : name=identifier TILDE distribution (NL* WHEN condition=expression)?          # sampledParameter
    | name=identifier ASSIGN value=expression (NL* WHEN condition=expression)?     # fixedParameter
    | REQUIRE condition=expression                                                # requireConstraint
    ;

// A rule of its own so that diagnostics can say "expected a distribution".
distribution
    : expression
    ;

// ---- statements (model, blocks, augmentation pipelines) ---------------------------

statementBlock
    : LBRACE statement? (sep statement?)* RBRACE
    ;

statement
    : FOR variable=loopVariable IN range=expression statementBlock       # forStatement
    | ifStatement                                                       # conditionalStatement
    | MATCH subject=expression matchStatementBody                       # matchStatement
    | RESIDUAL arguments? statementBlock                                # residualStatement
    | FREEZE ALL (EXCEPT layerPath (argSep layerPath)*)?                # freezeAllStatement
    | FREEZE layerPath (argSep layerPath)*                              # freezeStatement
    | REPLACE target=layerPath WITH replacement=layer                   # replaceStatement
    | verb=(SAVE | CONCAT | ADD) name=identifier                         # skipStatement
    | layer                                                             # layerStatement
    ;

ifStatement
    : IF condition=expression thenBlock=statementBlock (NL* ELSE (elseBlock=statementBlock | elseIf=ifStatement))?
    ;

matchStatementBody
    : LBRACE matchStatementArm? (sep matchStatementArm?)* RBRACE
    ;

loopVariable
    : identifier
    | UNDERSCORE
    ;

matchStatementArm
    : patterns ARROW (statementBlock | statement)
    ;

layer
    : name=identifier arguments?
    ;

layerPath
    : layerPathSegment (DOT layerPathSegment)*
    ;

layerPathSegment
    : identifier
    | NUMBER
    ;

// ---- expressions ------------------------------------------------------------------
// Alternatives are listed from the tightest binding to the loosest.

expression
    : primary                                                                  # primaryExpression
    | target=expression DOT member=identifier                                  # memberAccessExpression
    | target=expression LBRACK NL* index=expression NL* RBRACK                 # indexExpression
    | value=expression unit=(EPOCH | EPOCHS | STEP | STEPS | PERCENT)          # quantityExpression
    | <assoc = right> left=expression op=CARET NL* right=expression            # binaryExpression
    | op=(MINUS | PLUS) operand=expression                                     # unaryExpression
    | left=expression op=(STAR | SLASH) NL* right=expression                   # binaryExpression
    | left=expression op=(PLUS | MINUS) NL* right=expression                   # binaryExpression
    | left=expression op=(DOTDOT | DOTDOTLESS) NL* right=expression            # binaryExpression
    | left=expression op=(EQ | NE | LT | LE | GT | GE | IN) NL* right=expression  # binaryExpression
    | op=NOT operand=expression                                                # unaryExpression
    | left=expression op=AND NL* right=expression                              # binaryExpression
    | left=expression op=OR NL* right=expression                               # binaryExpression
    | left=expression NL* op=THEN NL* right=expression                         # binaryExpression
    ;

primary
    : NUMBER                                                        # numberLiteral
    | DURATION                                                      # durationLiteral
    | STRING                                                        # stringLiteral
    | value=(TRUE | FALSE)                                          # booleanLiteral
    | LBRACK NL* (expression (argSep expression)* COMMA? NL*)? RBRACK  # listLiteral
    | LPAREN NL* expression NL* RPAREN                              # parenthesizedExpression
    | callee=identifier arguments                                   # callExpression
    | identifier                                                    # nameExpression
    | ifExpression                                                  # conditionalExpression
    | MATCH subject=expression matchExpressionBody                  # matchExpression
    ;

ifExpression
    : IF condition=expression LBRACE NL* thenValue=expression NL* RBRACE ELSE
      (LBRACE NL* elseValue=expression NL* RBRACE | elseIf=ifExpression)
    ;

matchExpressionBody
    : LBRACE matchArm? (itemSep matchArm?)* RBRACE
    ;

matchArm
    : patterns ARROW value=expression
    ;

patterns
    : pattern (PIPE pattern)*
    ;

pattern
    : UNDERSCORE   # wildcardPattern
    | expression   # expressionPattern
    ;

arguments
    : LPAREN NL* (argument (argSep argument)* COMMA? NL*)? RPAREN
    ;

argument
    : (name=identifier COLON)? value=expression
    ;

// ---- names and separators ------------------------------------------------------------

// Soft keywords are names everywhere except where the grammar spells them out,
// so `model.params`, a parameter called `epochs` and the schedule `step(...)` all work.
identifier
    : IDENT
    | DATA | PARAMS | MODEL | TRAIN | TUNE
    | ALL | EXCEPT
    | EPOCH | EPOCHS | STEP | STEPS
    | SAVE | CONCAT | ADD
    ;

sep
    : NL
    | SEMI
    ;

argSep
    : NL* COMMA NL*
    ;

itemSep
    : COMMA
    | NL
    ;
