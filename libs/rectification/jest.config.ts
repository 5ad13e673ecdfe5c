export default {
  displayName: 'rectification',
  preset: '../../jest.preset.js',
};
