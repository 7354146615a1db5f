# Sourced by the benchmark scripts: sets java_bin to a JDK 21+ under /usr/lib/jvm (the default java may be 17).
java_bin=""
for candidate in /usr/lib/jvm/*/bin/java; do
  if "$candidate" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then java_bin=$candidate; break; fi
done
[ -n "$java_bin" ] || { echo "no JDK 21+ under /usr/lib/jvm" >&2; exit 1; }
