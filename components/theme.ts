// Theme: saved choice ("light" / "dark") or, by default, prefers-color-scheme.
export const THEME_KEY = 'parallax-theme';

/** Runs before paint (inline in <head>) so the page never flashes the wrong theme. */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem('${THEME_KEY}');var d=t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d)}catch(e){}})()`;
