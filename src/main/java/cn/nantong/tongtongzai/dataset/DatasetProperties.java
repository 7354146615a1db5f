package cn.nantong.tongtongzai.dataset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Loading the generated data sets ({@code tongtong.dataset.*}).
 *
 * @param loadThreads how many write transactions load a data set at once
 */
@ConfigurationProperties("tongtong.dataset")
public record DatasetProperties(@DefaultValue("2") int loadThreads) {
}
