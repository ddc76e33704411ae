package dev.latchkey.rbac.permission;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Permission keys and the patterns that grant them. A key is dotted ({@code tokens.tenant.write}); a granted pattern
 * is a key, or ends in {@code *} and covers every key below it: {@code tokens.*} covers {@code tokens.tenant.write}
 * but not {@code tokensx.read}; {@code *} covers all.
 */
public final class PermissionPattern {

    public static final String ALL = "*";
    public static final String KEY_REGEX = "^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$";
    private static final Pattern KEY = Pattern.compile(KEY_REGEX);

    private PermissionPattern() {
    }

    public static boolean isKey(String candidate) {
        return candidate != null && candidate.length() <= 200 && KEY.matcher(candidate).matches();
    }

    /** A key, {@code *}, or {@code <key>.*}. */
    public static boolean isPattern(String candidate) {
        if (ALL.equals(candidate)) {
            return true;
        }
        if (candidate != null && candidate.endsWith(".*")) {
            return isKey(candidate.substring(0, candidate.length() - 2));
        }
        return isKey(candidate);
    }

    /** Whether {@code granted} covers {@code wanted}, which may itself be a pattern. */
    public static boolean covers(String granted, String wanted) {
        if (ALL.equals(granted) || granted.equals(wanted)) {
            return true;
        }
        if (!granted.endsWith(".*")) {
            return false;
        }
        String prefix = granted.substring(0, granted.length() - 1);
        return wanted.startsWith(prefix) && !ALL.equals(wanted);
    }

    public static boolean coveredByAny(Collection<String> granted, String wanted) {
        for (String g : granted) {
            if (covers(g, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The registered keys that the patterns grant, sorted. */
    public static Set<String> expand(Collection<String> patterns, Collection<String> keys) {
        Set<String> expanded = new TreeSet<>();
        for (String key : keys) {
            if (coveredByAny(patterns, key)) {
                expanded.add(key);
            }
        }
        return expanded;
    }
}
