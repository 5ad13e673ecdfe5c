export default {
  displayName: 'directives',
  preset: '../../jest.preset.js',
};
