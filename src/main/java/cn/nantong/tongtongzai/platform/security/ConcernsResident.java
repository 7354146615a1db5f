package cn.nantong.tongtongzai.platform.security;

/**
 * Something shown with the resident it concerns (a request): a list of them has its residents' places read in
 * one batch before each resident is checked.
 */
public interface ConcernsResident {

    String residentId();
}
