/** Rendering shared by the page's panels: the error box and the plots. */
import * as Plot from '@observablehq/plot';
import type { PlotSpec } from '../plots/index';

/** A message (and its list of details) in an error box (`role="alert"`). */
export function errorBox(box: HTMLElement, message: string, details: string[] = []): void {
  box.hidden = false;
  box.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: message }),
    ...(details.length
      ? [
          (() => {
            const ul = document.createElement('ul');
            for (const d of details)
              ul.append(Object.assign(document.createElement('li'), { textContent: d }));
            return ul;
          })(),
        ]
      : []),
  );
}

/** Renders plot specs into a container, each as a figure with a heading and a caption. */
export function renderPlots(container: HTMLElement, specs: PlotSpec[]): void {
  const figures = specs.map((spec) => {
    const figure = document.createElement('figure');
    figure.className = spec.id === 'plot-main' ? 'plot main' : 'plot';
    const heading = Object.assign(document.createElement('h3'), { textContent: spec.title });
    const rendered = Plot.plot({
      ...spec.options,
      ariaLabel: spec.title,
      ariaDescription: spec.description,
    });
    const svg =
      rendered instanceof SVGSVGElement
        ? rendered
        : (rendered.querySelector(':scope > svg') as SVGSVGElement);
    svg.dataset.testid = spec.id;
    svg.setAttribute('role', 'img');
    figure.append(
      heading,
      rendered,
      Object.assign(document.createElement('figcaption'), { textContent: spec.description }),
    );
    return figure;
  });
  container.replaceChildren(...figures);
}
