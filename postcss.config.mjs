// Tailwind CSS v4 runs as a PostCSS plugin; app/globals.css holds `@import "tailwindcss"` and the theme.
export default {
  plugins: { '@tailwindcss/postcss': {} },
};
