/**
 * Ejected from Docusaurus' classic theme (an ejection it marks « safe »). The original requires
 * Prism's language files to add `themeConfig.prism.additionalLanguages`, which puts Prism's whole
 * language list in the bundle every page loads (≈ 9 Ko gzip). The portal adds no language: code
 * blocks keep prism-react-renderer's built-in ones. To add some, eject the original again.
 */
export default function prismIncludeLanguages(): void {}
