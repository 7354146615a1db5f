// Small pieces every screen uses. Vue's runtime-only build: screens are render functions (h), so the pages need
// no 'unsafe-eval' in their Content-Security-Policy.
import { defineComponent, h, onBeforeUnmount, onMounted, ref, watch } from '/webjars/vue/dist/vue.runtime.esm-browser.prod.js';

export * from '/webjars/vue/dist/vue.runtime.esm-browser.prod.js';

export function percent(value) {
  return value == null ? '—' : (value * 100).toFixed(1) + '%';
}

export function number(value, digits = 0) {
  return value == null ? '—' : Number(value).toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

/** In Nantong's time, wherever the browser is (a headless one runs in UTC). */
export function dateTime(value) {
  return value ? new Date(value).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short', hour12: false, timeZone: 'Asia/Shanghai' }) : '—';
}

/** A refusal as the person should read it: the service's Chinese message, the code small beside it. */
export function errorBox(error) {
  if (!error) {
    return null;
  }
  return h('p', { class: 'error', role: 'alert' }, [error.message, ' ', h('small', { class: 'code' }, error.code ?? '')]);
}

/** A figure with its name and, below it, how it was made (e.g. 已报到 / 应报到). */
export function figure(label, value, detail, name) {
  return h('div', { class: 'figure', 'data-figure': name }, [
    h('div', { class: 'figure-label' }, label),
    h('div', { class: 'figure-value' }, value),
    detail ? h('div', { class: 'figure-detail' }, detail) : null,
  ]);
}

export function table(columns, rows, options = {}) {
  return h('table', { class: 'table', 'aria-label': options.label }, [
    h('thead', h('tr', columns.map((column) => h('th', { class: column.numeric ? 'num' : null }, column.title)))),
    h('tbody', rows.length === 0
      ? h('tr', h('td', { colspan: columns.length, class: 'empty' }, options.empty ?? '暂无数据'))
      : rows.map((row) => h('tr', { key: options.key?.(row) }, columns.map((column) =>
        h('td', { class: column.numeric ? 'num' : null }, column.cell(row)))))),
  ]);
}

/**
 * An ECharts chart (ECharts' ES module, loaded only by the screens that draw). Emits `drawn` once the chart has
 * been rendered with its option, so a screen can say when it is ready.
 */
export const Chart = defineComponent({
  props: { option: { type: Object, required: true }, label: { type: String, required: true } },
  emits: ['drawn'],
  setup(props, { emit }) {
    const element = ref(null);
    let chart = null;
    let gone = false;
    const resize = () => chart?.resize();
    onMounted(async () => {
      const echarts = await import('/webjars/echarts/dist/echarts.esm.min.js');
      if (gone) { // the person left the screen while ECharts loaded
        return;
      }
      chart = echarts.init(element.value, null, { renderer: 'canvas' });
      chart.on('finished', () => emit('drawn'));
      chart.setOption(props.option);
      window.addEventListener('resize', resize);
    });
    watch(() => props.option, (option) => chart?.setOption(option, true));
    onBeforeUnmount(() => {
      gone = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    });
    return () => h('div', { ref: element, class: 'chart', role: 'img', 'aria-label': props.label });
  },
});
