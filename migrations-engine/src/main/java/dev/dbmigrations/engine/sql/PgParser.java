package dev.dbmigrations.engine.sql;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own parser, offline and in the JVM: libpg_query (the server's grammar, scanner and
 * parse-analysis-free raw parser, cut out of PostgreSQL 17) compiled to WebAssembly and published on
 * npm as {@code @libpg-query/parser}, run by Chicory, a WebAssembly interpreter in pure Java. No
 * native code, no Node. The build fetches the pinned package and puts the module, its JavaScript
 * glue and the licence into the jar (see the engine's POM).
 *
 * <p>The module was built by Emscripten, which names its imports and exports with short letters; the
 * glue says which letter is which, so it is read here rather than written down. The imports are few:
 * the C library's file writes (the parser writes nothing that matters), heap growth, exit and abort,
 * and the {@code invoke_*} trampolines through which Emscripten implements setjmp/longjmp, which the
 * parser uses to report errors ({@code ereport}): a trampoline calls a function of the table, and
 * when that function longjmps ({@code _emscripten_throw_longjmp}), restores the stack and tells the
 * module with {@code setThrew}.
 *
 * <p>One instance per JVM, loaded on first use (about a second) and used by one thread at a time.
 * The module asks for 128 MB of memory at start; it is given 4 MB and grows as it needs (about 33 MB).
 * Parsing costs about 1 to 2 ms per statement: the grammar's main loop is too large a function to be
 * compiled to JVM bytecode and is interpreted. See docs/validation.md ("PostgreSQL's own parser").
 */
public final class PgParser {

    /** PostgreSQL's verdict on a text: its message and the 0-based character offset it points at (-1: none). */
    public record SyntaxError(String message, int offset) {
    }

    /** The parser's major version, as its version number says (170004: 17). */
    public static final int MAJOR = 17;

    private static final String BASE = "pgparser/wasm/";
    /** Softly held: about 80 MB while it lives, given back when the heap runs short, loaded again if needed. */
    private static java.lang.ref.SoftReference<PgParser> shared = new java.lang.ref.SoftReference<>(null);
    private static String fingerprint;

    /** Thrown by the module's longjmp, caught by the trampoline that set the jump. */
    private static final class LongJump extends RuntimeException {
        LongJump() {
            super(null, null, false, false);
        }
    }

    private static final LongJump JUMP = new LongJump();

    private final Instance instance;
    private final ExportFunction malloc;
    private final ExportFunction free;
    private final ExportFunction parse;
    private final ExportFunction freeResult;
    private final ExportFunction setThrew;
    private final ExportFunction stackRestore;
    private final ExportFunction stackCurrent;

    private PgParser(byte[] wasm, String glue) {
        Map<String, String> imports = names(glue, Pattern.compile("wasmImports\\s*=\\s*\\{([^}]*)}"), ':');
        Map<String, String> exports = new HashMap<>();
        Matcher e = Pattern.compile("(\\w+)\\s*=\\s*wasmExports\\[\"(\\w+)\"]").matcher(glue);
        while (e.find()) {
            exports.put(e.group(1), e.group(2));
        }
        Matcher ctors = Pattern.compile("wasmExports\\[\"(\\w+)\"]\\(\\)").matcher(glue);
        if (!ctors.find()) {
            throw new IllegalStateException("the parser module's glue does not say how to initialise it");
        }
        WasmModule module = Parser.parse(wasm);
        List<ImportFunction> functions = new ArrayList<>();
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            if (section.getImport(i) instanceof FunctionImport f) {
                FunctionType type = module.typeSection().getType(f.typeIndex());
                String name = imports.get(f.name());
                if (name == null) {
                    throw new IllegalStateException("the parser module imports " + f.module() + "." + f.name()
                            + ", which its glue does not name");
                }
                functions.add(new HostFunction(f.module(), f.name(), type, handler(name, type)));
            }
        }
        // the module asks for 128 MB to start with; it needs about 33 and grows its heap itself
        instance = Instance.builder(module).withImportValues(ImportValues.builder().withFunctions(functions).build())
                .withMemoryLimits(new MemoryLimits(64, MemoryLimits.MAX_PAGES)).build();
        malloc = export(exports, "_malloc");
        free = export(exports, "_free");
        parse = export(exports, "_wasm_parse_query_raw");
        freeResult = export(exports, "_wasm_free_parse_result");
        setThrew = export(exports, "_setThrew");
        stackRestore = export(exports, "__emscripten_stack_restore");
        stackCurrent = export(exports, "_emscripten_stack_get_current");
        instance.export(ctors.group(1)).apply();
    }

    /** The JVM's parser, loaded on first use. */
    public static synchronized PgParser get() {
        PgParser p = shared.get();
        if (p == null) {
            p = new PgParser(resource(BASE + "libpg-query.wasm"),
                    new String(resource(BASE + "libpg-query.js"), StandardCharsets.UTF_8));
            shared = new java.lang.ref.SoftReference<>(p);
        }
        return p;
    }

    /** Which parser this is (the SHA-256 of its module, 16 hex digits), without loading it: a key for caches. */
    public static synchronized String fingerprint() {
        if (fingerprint == null) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(resource(BASE + "libpg-query.wasm"));
                fingerprint = java.util.HexFormat.of().formatHex(d, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return fingerprint;
    }

    /**
     * Parses {@code sql} (one statement or many, as a file holds them) and returns null when PostgreSQL's
     * grammar accepts it, else the error. Only the grammar: names are not looked up, so a missing table
     * is not an error here.
     */
    public synchronized SyntaxError check(String sql) {
        return parsed(sql, (memory, result) -> {
            int error = memory.readInt(result + 8);  // PgQueryParseResult {tree, stderr, error}
            if (error == 0) {
                return null;
            }
            // PgQueryError {message, funcname, filename, lineno, cursorpos (1-based characters, 0: none)}
            String message = memory.readCString(memory.readInt(error));
            int cursor = memory.readInt(error + 16);
            int offset = -1;
            if (cursor > 0) {
                int points = sql.codePointCount(0, sql.length());
                offset = sql.offsetByCodePoints(0, Math.min(cursor - 1, points));
            }
            return new SyntaxError(message, offset);
        });
    }

    /**
     * PostgreSQL's parse tree of {@code sql} as libpg_query's JSON ({@code {"version":...,"stmts":[...]}}),
     * or null when the grammar rejects it ({@link #check} says why). The rules read tokens, for speed;
     * the test suite holds their reading against this tree.
     */
    public synchronized String tree(String sql) {
        return parsed(sql, (memory, result) -> memory.readInt(result + 8) != 0 ? null
                : memory.readCString(memory.readInt(result)));  // PgQueryParseResult {tree, stderr, error}
    }

    /** Parses {@code sql} in the module's memory, lets {@code read} look at the result, and frees both. */
    private <T> T parsed(String sql, java.util.function.BiFunction<Memory, Integer, T> read) {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        Memory memory = instance.memory();
        int text = (int) malloc.apply(bytes.length + 1)[0];
        int result = 0;
        try {
            memory.write(text, bytes);
            memory.writeByte(text + bytes.length, (byte) 0);
            result = (int) parse.apply(text)[0];
            return read.apply(memory, result);
        } finally {
            free.apply(text);
            if (result != 0) {
                freeResult.apply(result);
            }
        }
    }

    private WasmFunctionHandle handler(String name, FunctionType type) {
        boolean returns = !type.returns().isEmpty();
        switch (name) {
            case "___assert_fail", "__abort_js", "_exit":
                return (in, args) -> {
                    throw new IllegalStateException("PostgreSQL's parser stopped (" + name + ")");
                };
            case "__emscripten_throw_longjmp":
                return (in, args) -> {
                    throw JUMP;
                };
            case "_emscripten_resize_heap":
                return (in, args) -> {
                    long wanted = args[0] & 0xffffffffL;
                    int more = (int) ((wanted + 65535) / 65536) - in.memory().pages();
                    return new long[] {more <= 0 || in.memory().grow(more) >= 0 ? 1 : 0};
                };
            case "_fd_write":
                // the parser's stderr: nothing to show; say every byte was written
                return (in, args) -> {
                    Memory m = in.memory();
                    int written = 0;
                    for (int i = 0; i < (int) args[2]; i++) {
                        written += m.readInt((int) args[1] + 8 * i + 4);
                    }
                    m.writeI32((int) args[3], written);
                    return new long[] {0};
                };
            case "_fd_close", "_fd_read":
                return (in, args) -> new long[] {0};
            case "_fd_seek":
                return (in, args) -> new long[] {70};  // ESPIPE
            default:
                if (!name.startsWith("invoke_")) {
                    throw new IllegalStateException("the parser module needs " + name + ", which is not provided here");
                }
                return (in, args) -> {
                    long stack = stackCurrent.apply()[0];
                    int function = in.table(0).requiredRef((int) args[0]);
                    try {
                        long[] r = in.getMachine().call(function, Arrays.copyOfRange(args, 1, args.length));
                        return returns ? r : null;
                    } catch (LongJump jump) {
                        stackRestore.apply(stack);
                        setThrew.apply(1, 0);
                        return returns ? new long[] {0} : null;
                    }
                };
        }
    }

    private ExportFunction export(Map<String, String> exports, String name) {
        String letter = exports.get(name);
        if (letter == null) {
            throw new IllegalStateException("the parser module's glue does not export " + name);
        }
        return instance.export(letter);
    }

    private static Map<String, String> names(String glue, Pattern block, char separator) {
        Matcher m = block.matcher(glue);
        if (!m.find()) {
            throw new IllegalStateException("the parser module's glue does not list its imports");
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : m.group(1).split(",")) {
            int at = pair.indexOf(separator);
            out.put(pair.substring(0, at).trim(), pair.substring(at + 1).trim());
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = PgParser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("PostgreSQL's parser is missing from the engine's jar (" + name
                        + "): the build puts it there from npm");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
