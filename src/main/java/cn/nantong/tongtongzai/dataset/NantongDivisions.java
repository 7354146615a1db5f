package cn.nantong.tongtongzai.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 2021 statistical division codes of 南通市 (classpath:data/nantong-divisions-2021.json, MIT, see its
 * LICENSE file): each code maps its child codes to names, district → street → community.
 */
final class NantongDivisions {

    /** A street-level division; {@code derived} marks a town or zone standing in for a street. */
    record Division(String code, String name, String district, boolean derived) {
    }

    private final Map<String, Map<String, String>> children;

    private NantongDivisions(Map<String, Map<String, String>> children) {
        this.children = children;
    }

    static NantongDivisions load() {
        try (InputStream in = new ClassPathResource("data/nantong-divisions-2021.json").getInputStream()) {
            return new NantongDivisions(JsonMapper.builder().build().readValue(in, new TypeReference<>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Nantong division codes", e);
        }
    }

    /** The name of a division, looked up under its parent code (a street's parent is its district). */
    String name(String code) {
        String parent = code.length() > 6 ? code.substring(0, code.length() - 3) : code.substring(0, 4);
        return children.getOrDefault(parent, Map.of()).get(code);
    }

    String districtNameOf(String streetCode) {
        return name(streetCode.substring(0, 6));
    }

    /** The urban communities (社区) of a street, with "居委会" / "居民委员会" dropped from their names. */
    List<Map.Entry<String, String>> communitiesOf(String streetCode) {
        return children.getOrDefault(streetCode, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().contains("社区"))
                .map(e -> Map.entry(e.getKey(), shortName(e.getValue())))
                .sorted(Map.Entry.comparingByKey())
                .toList();
    }

    /**
     * Street-level divisions in the order a generator takes them: every real 街道 (崇川区 first, then by
     * code), then — where a
     * scale asks for more streets than the file has — towns and zones of the city, those with the most
     * communities first. These keep their real names and are marked derived.
     */
    List<Division> streetCandidates() {
        List<String> districts = List.copyOf(children.getOrDefault("3206", Map.of()).keySet());
        List<Division> streets = new ArrayList<>();
        List<Division> others = new ArrayList<>();
        for (String district : districts) {
            children.getOrDefault(district, Map.of()).forEach((code, name) -> {
                boolean street = name.endsWith("街道");
                (street ? streets : others).add(new Division(code, name, districtNameOf(code), !street));
            });
        }
        // 崇川区 (320613), the city centre, first; so the one-street demo is 城东街道
        streets.sort(Comparator.comparing((Division d) -> !d.code().startsWith("320613")).thenComparing(Division::code));
        others.removeIf(d -> communitiesOf(d.code()).isEmpty());
        others.sort(Comparator.comparing((Division d) -> -communitiesOf(d.code()).size())
                .thenComparing(Division::code));
        streets.addAll(others);
        return streets;
    }

    private static String shortName(String name) {
        return name.replaceFirst("(居委会|居民委员会)$", "");
    }
}
