export default {
  displayName: 'common',
  preset: '../../jest.preset.js',
};
