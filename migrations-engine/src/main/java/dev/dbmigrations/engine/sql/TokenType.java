package dev.dbmigrations.engine.sql;

/** Kinds of tokens the lexer knows. */
public enum TokenType {
    /** A keyword or unquoted identifier. */
    WORD,
    /** A double-quoted identifier, quotes included. */
    QUOTED_IDENTIFIER,
    /** A string constant in any form ('..', E'..', B'..', X'..', U&amp;'..'), quotes and prefix included. */
    STRING,
    /** A dollar-quoted string, delimiters included. */
    DOLLAR_STRING,
    NUMBER,
    /** A positional parameter such as $1. */
    PARAMETER,
    /** An operator or punctuation: ( ) , . ; :: and the like. */
    PUNCT
}
