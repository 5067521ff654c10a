// babel-preset-taro compiles TS/TSX for both targets. NutUI is imported per component with its
// precompiled CSS: the full stylesheet would add ~280 KB to the main package (TOOLCHAIN.md).
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5' }],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        // 'css' is the only option that keeps the styles (a customStyle option silently drops them).
        style: 'css',
        // Folders are the lower-cased component names (CheckboxGroup -> checkboxgroup).
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      },
      'nutui-react-taro',
    ],
  ],
};
